namespace KtPortal.Tests.Architecture;

/// <summary>Feature namespaces depend one way (docs/architecture.md); a cycle means two features no longer have a direction.</summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void PrintTheGraph()
    {
        var domain = NamespaceDependencies.Edges(typeof(KtPortal.Domain.Common.Money).Assembly, "KtPortal.Domain");
        var lines = domain.OrderBy(e => e.Key.From).ThenBy(e => e.Key.To).Select(e => $"{e.Key.From} -> {e.Key.To}   ({e.Value})");
        File.WriteAllLines("/tmp/domain-graph.txt", lines);
        var cycles = NamespaceDependencies.Cycles(domain.Keys);
        File.WriteAllLines("/tmp/domain-cycles.txt", cycles.Select(c => string.Join(", ", c)));
        var web = NamespaceDependencies.Edges(typeof(KtPortal.Web.Security.CurrentActor).Assembly, "KtPortal.Web");
        File.WriteAllLines("/tmp/web-graph.txt", web.OrderBy(e => e.Key.From).Select(e => $"{e.Key.From} -> {e.Key.To}   ({e.Value})"));
        File.WriteAllLines("/tmp/web-cycles.txt", NamespaceDependencies.Cycles(web.Keys).Select(c => string.Join(", ", c)));
    }
}
