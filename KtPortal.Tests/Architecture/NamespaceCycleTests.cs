namespace KtPortal.Tests.Architecture;

/// <summary>
/// Feature namespaces depend one way (docs/architecture.md). Today most domain features still sit in one big cycle;
/// this test is a ratchet on it: <c>Common</c> depends on no feature, no new cycle may form, and no new edge may join
/// the existing one. <see cref="KnownDomainCycleEdges"/> lists the edges inside today's cycle; an entry that no
/// longer exists must be deleted, so the list only shrinks as cycles are broken.
/// </summary>
public sealed class NamespaceCycleTests
{
    /// <summary>
    /// Edges inside the domain's cycle on 2026-11-26 (after AgencyProfile moved to Common and sequences to Data). Each
    /// one goes when its cycle is broken; see docs/architecture.md for the direction each should end up in.
    /// </summary>
    private static readonly HashSet<(string From, string To)> KnownDomainCycleEdges =
    [
        ("Accounts", "Clients"), ("Accounts", "Email"), ("Accounts", "Notifications"),
        ("Billing", "Accounts"), ("Billing", "Clients"), ("Billing", "Email"), ("Billing", "Notifications"), ("Billing", "Plans"),
        ("Billing", "Tickets"), ("Billing", "TimeTracking"),
        ("Clients", "Accounts"),
        ("Email", "Accounts"), ("Email", "SupportTypes"), ("Email", "Tickets"),
        ("Invoices", "Accounts"), ("Invoices", "Billing"), ("Invoices", "Clients"), ("Invoices", "Email"), ("Invoices", "Notifications"),
        ("Invoices", "Tickets"), ("Invoices", "TimeTracking"),
        ("Notifications", "Email"),
        ("Plans", "Billing"), ("Plans", "Clients"), ("Plans", "Invoices"), ("Plans", "SupportTypes"), ("Plans", "TimeTracking"),
        ("SupportTypes", "Tickets"),
        ("Tickets", "Accounts"), ("Tickets", "Clients"), ("Tickets", "Email"), ("Tickets", "Notifications"), ("Tickets", "SupportTypes"),
        ("TimeTracking", "Accounts"), ("TimeTracking", "Billing"), ("TimeTracking", "Invoices"), ("TimeTracking", "Tickets"),
    ];

    /// <summary>The web project's one cycle: shared components render feature pieces, features use shared components.</summary>
    private static readonly HashSet<(string From, string To)> KnownWebCycleEdges =
    [
        ("Components", "Features"), ("Features", "Components"),
    ];

    [Fact]
    public void ShouldKeepCommonFreeOfFeatures()
    {
        var edges = DomainEdges();

        edges.Keys.Where(e => e.From == "Common").Select(e => $"{e.From} -> {e.To} ({edges[e]})")
            .Should().BeEmpty("Common is the bottom layer: money, time, actors, the agency");
    }

    [Fact]
    public void ShouldFormNoNewCycle_InTheDomain()
    {
        var edges = DomainEdges();

        var report = Ratchet(edges, KnownDomainCycleEdges);

        report.Should().BeEmpty();
    }

    [Fact]
    public void ShouldFormNoNewCycle_InTheWebProject()
    {
        var edges = NamespaceDependencies.Edges(typeof(KtPortal.Web.Security.CurrentActor).Assembly, "KtPortal.Web");

        var report = Ratchet(edges, KnownWebCycleEdges);

        report.Should().BeEmpty();
    }

    /// <summary>Positive control: the checks catch a brand-new cycle, a new edge into the known one, and a fixed edge left listed.</summary>
    [Fact]
    public void ShouldReportANewCycle_ANewEdgeInTheKnownCycle_AndAnEntryThatNoLongerExists()
    {
        var known = new HashSet<(string, string)> { ("A", "B"), ("B", "A"), ("C", "D") };
        var edges = new Dictionary<(string From, string To), string>
        {
            [("A", "B")] = "a", [("B", "A")] = "b", // the known cycle
            [("A", "E")] = "new", [("E", "A")] = "new", // E joins it
            [("X", "Y")] = "x", [("Y", "X")] = "y", // a brand-new cycle
            [("C", "Z")] = "fine", // no cycle; and C -> D no longer exists
        };

        var report = Ratchet(edges, known);

        report.Should().Contain(r => r.Contains("A -> E", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("E -> A", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("X -> Y", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("C -> D", StringComparison.Ordinal) && r.Contains("no longer", StringComparison.Ordinal))
            .And.NotContain(r => r.Contains("A -> B", StringComparison.Ordinal) || r.Contains("C -> Z", StringComparison.Ordinal));
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

    /// <summary>Domain edges that count: the DbContext composes every feature's entities, so edges from Data (and from
    /// the demo seeder, which sits above everything) are not dependencies of the model.</summary>
    private static Dictionary<(string From, string To), string> DomainEdges() =>
        NamespaceDependencies.Edges(typeof(KtPortal.Domain.Common.Money).Assembly, "KtPortal.Domain")
            .Where(e => e.Key.From is not ("Data" or "Seeding"))
            .ToDictionary(e => e.Key, e => e.Value);

    private static List<string> Ratchet(IReadOnlyDictionary<(string From, string To), string> edges, HashSet<(string From, string To)> known)
    {
        var report = new List<string>();
        var cycles = NamespaceDependencies.Cycles(edges.Keys);
        foreach (var members in cycles.Select(c => c.ToHashSet(StringComparer.Ordinal)))
        {
            report.AddRange(edges.Keys
                .Where(e => members.Contains(e.From) && members.Contains(e.To) && !known.Contains(e))
                .Select(e => $"{e.From} -> {e.To} closes a cycle ({edges[e]}); point it the other way or move the type to where it belongs"));
        }

        report.AddRange(known.Where(e => !edges.ContainsKey(e))
            .Select(e => $"{e.From} -> {e.To} no longer exists: delete it from the known cycle edges"));
        return report;
    }
}
