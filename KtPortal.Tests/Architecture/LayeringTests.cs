namespace KtPortal.Tests.Architecture;

/// <summary>
/// Feature namespaces depend one way, down the layers drawn in docs/architecture.md. The layers below are that
/// diagram, executable: a namespace may use only namespaces in lower layers (never its own layer's neighbours), a new
/// namespace must be given a layer, and there is no cycle anywhere.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>The domain, bottom first. A row's features are independent of each other.</summary>
    public static readonly string[][] DomainLayers =
    [
        ["Common"],
        ["Data"],
        ["Audit"],
        ["Email"],
        ["Notifications"],
        ["Clients", "SupportTypes"],
        ["Accounts"],
        ["Tickets"],
        ["InboundMail", "Recurring", "TimeTracking"],
        ["Billing"],
        ["Invoices", "ServiceLevels"],
        ["CannedReplies", "Estimation", "Reports", "Search", "Settings"],
        ["Seeding"],
    ];

    /// <summary>The web project, bottom first; the composition root (<c>KtPortal.Web</c> itself) sits above all.</summary>
    public static readonly string[][] WebLayers =
    [
        ["Security"],
        ["Hosting"],
        ["Components"],
        ["Features"],
        ["Jobs", "Cli"],
        ["Testing"],
    ];

    [Fact]
    public void ShouldOnlyDependDownTheLayers_InTheDomain()
    {
        var report = Check(DomainEdges(), DomainLayers);

        report.Should().BeEmpty();
    }

    [Fact]
    public void ShouldOnlyDependDownTheLayers_InTheWebProject()
    {
        var report = Check(WebEdges(), WebLayers);

        report.Should().BeEmpty();
    }

    [Fact]
    public void ShouldFormNoCycle_InEitherProject()
    {
        NamespaceDependencies.Cycles(DomainEdges().Keys).Should().BeEmpty();
        NamespaceDependencies.Cycles(WebEdges().Keys).Should().BeEmpty();
    }

    /// <summary>Positive control for the layer check: an upward edge, an edge inside a layer and a namespace without a
    /// layer are each reported; a downward edge is not.</summary>
    [Fact]
    public void ShouldReportAnUpwardEdge_AnEdgeInsideALayer_AndANamespaceWithoutALayer()
    {
        string[][] layers = [["Low"], ["MidA", "MidB"], ["High"]];
        var edges = new Dictionary<(string From, string To), string>
        {
            [("High", "Low")] = "fine",
            [("MidA", "Low")] = "fine",
            [("Low", "High")] = "upward",
            [("MidA", "MidB")] = "sideways",
            [("Stray", "Low")] = "no layer",
        };

        var report = Check(edges, layers);

        report.Should().HaveCount(3)
            .And.Contain(r => r.StartsWith("Low -> High", StringComparison.Ordinal))
            .And.Contain(r => r.StartsWith("MidA -> MidB", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("Stray has no layer", StringComparison.Ordinal));
    }

    /// <summary>Positive control for the cycle finder: a cycle through three namespaces is found, a chain is not.</summary>
    [Fact]
    public void ShouldFindACycleThroughSeveralNamespaces_AndNoneInAChain()
    {
        var cycles = NamespaceDependencies.Cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("D", "E")]);

        cycles.Should().ContainSingle().Which.Should().BeEquivalentTo(["A", "B", "C"]);
        NamespaceDependencies.Cycles([("A", "B"), ("B", "C")]).Should().BeEmpty();
    }

    /// <summary>Positive control for the IL reader: a dependency that exists only inside a method body is found.</summary>
    [Fact]
    public void ShouldSeeDependenciesInsideMethodBodies()
    {
        var edges = DomainEdges();

        // BillingCalendar.LocalDate calls PortalSettings.LocalDateIn only in its body.
        edges.Should().ContainKey(("Billing", "Common"));
        edges.Should().ContainKey(("Invoices", "Billing"));
    }

    /// <summary>Domain edges that count: the DbContext composes every feature's entities, so edges from Data are not
    /// dependencies of the model (edges to it are: Common must not use it).</summary>
    private static Dictionary<(string From, string To), string> DomainEdges() =>
        NamespaceDependencies.Edges(typeof(KtPortal.Domain.Common.Money).Assembly, "KtPortal.Domain")
            .Where(e => e.Key.From != "Data")
            .ToDictionary(e => e.Key, e => e.Value);

    private static Dictionary<(string From, string To), string> WebEdges() =>
        NamespaceDependencies.Edges(typeof(KtPortal.Web.Security.CurrentActor).Assembly, "KtPortal.Web")
            .ToDictionary(e => e.Key, e => e.Value);

    private static List<string> Check(IReadOnlyDictionary<(string From, string To), string> edges, string[][] layers)
    {
        var level = layers.SelectMany((row, i) => row.Select(name => (name, i))).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var report = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct(StringComparer.Ordinal)
            .Where(name => !level.ContainsKey(name))
            .Select(name => $"{name} has no layer: add it to the layers (and docs/architecture.md) where it belongs")
            .ToList();
        report.AddRange(edges
            .Where(e => level.TryGetValue(e.Key.From, out var from) && level.TryGetValue(e.Key.To, out var to) && to >= from)
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({e.Value}) goes {(level[e.Key.To] == level[e.Key.From] ? "sideways" : "up")}: " +
                "move the type to where it belongs, or let the lower feature own a small interface the higher one implements"));
        return report;
    }
}
