using System.Diagnostics;
using System.Globalization;
using System.Text;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;

namespace KtPortal.Bench;

/// <summary>
/// How good the local estimator is, on a held-out split of generated history: a year of resolved tickets for 15
/// clients (TicketHistoryGenerator, the demo's kinds of work), the oldest 80 % as history and the newest 20 % estimated
/// as if new, compared with what they were charged. Baselines for context: the median of all resolved tickets of the
/// same type and support type (what you get without reading the text), and one fixed median for everything.
/// <c>dotnet run -c Release --project bench/KtPortal.Bench -- estimates [tickets]</c>; writes its section of RESULTS.md.
/// </summary>
internal static class EstimatorBenchmark
{
    public const string Marker = "<!-- estimator -->";
    public const int DefaultTickets = 6_000;
    private const int Clients = 15;
    private const int Seed = 7;
    private const double HeldOutShare = 0.2;

    public static int Run(string repositoryRoot, int tickets)
    {
        var (history, heldOut) = Generate(tickets);
        var estimator = new LocalTicketEstimator();
        var names = SupportType.Seed.ToDictionary(s => s.Id, s => s.Name);
        var typeMedians = history.GroupBy(t => (t.Type, t.SupportTypeId)).ToDictionary(g => g.Key, g => Median(g.Select(t => t.ChargedMinutes)));
        var overall = Median(history.Select(t => t.ChargedMinutes));

        var local = new List<EstimateOutcome>();
        var typeBaseline = new List<EstimateOutcome>();
        var flat = new List<EstimateOutcome>();
        var times = new List<double>();
        var bases = new Dictionary<EstimateBasisKind, int>();
        foreach (var ticket in heldOut)
        {
            var subject = new EstimateSubject(ticket.ClientId, ticket.Type, ticket.SupportTypeId, names[ticket.SupportTypeId], ticket.Title, ticket.Description);
            var watch = Stopwatch.StartNew();
            var proposal = estimator.Estimate(subject, history);
            times.Add(watch.Elapsed.TotalMilliseconds);
            bases[proposal.BasisKind] = bases.GetValueOrDefault(proposal.BasisKind) + 1;
            var supportName = names[ticket.SupportTypeId];
            local.Add(new EstimateOutcome(ticket.Type, supportName, ticket.ChargedMinutes, proposal.Minutes, null));
            typeBaseline.Add(new EstimateOutcome(ticket.Type, supportName, ticket.ChargedMinutes,
                typeMedians.TryGetValue((ticket.Type, ticket.SupportTypeId), out var m) ? m : overall, null));
            flat.Add(new EstimateOutcome(ticket.Type, supportName, ticket.ChargedMinutes, overall, null));
        }

        times.Sort();
        var text = Report(tickets, history.Count, heldOut.Count, local, typeBaseline, flat, times, bases);
        ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, text);
        Console.Write(text);
        return 0;
    }

    /// <summary>A year of work for each client, in date order; the newest share is held out.</summary>
    private static (List<ResolvedTicket> History, List<ResolvedTicket> HeldOut) Generate(int tickets)
    {
        var random = new Random(Seed);
        var factors = Enumerable.Range(1, Clients).Select(_ => TicketHistoryGenerator.ClientFactor(random)).ToArray();
        var start = new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var all = Enumerable.Range(0, tickets)
            .Select(i =>
            {
                var client = random.Next(Clients);
                var work = TicketHistoryGenerator.Next(random, factors[client]);
                var resolved = start.AddMinutes(random.Next(365 * 24 * 60));
                return new ResolvedTicket(0, client + 1, work.Type, work.SupportTypeId, work.Title, work.Description, Math.Max(KtPortal.Domain.Billing.UsageCalculator.MinimumChargeMinutes, work.LoggedMinutes), resolved);
            })
            .OrderBy(t => t.ResolvedAtUtc)
            .Select((t, i) => t with { Number = 1001 + i })
            .ToList();
        var split = (int)(all.Count * (1 - HeldOutShare));
        return (all[..split], all[split..]);
    }

    private static string Report(
        int tickets, int historyCount, int heldOutCount, List<EstimateOutcome> local, List<EstimateOutcome> typeBaseline, List<EstimateOutcome> flat,
        List<double> times, Dictionary<EstimateBasisKind, int> bases)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(Marker);
        text.AppendLine("## Local estimator accuracy on held-out history (issue 7)");
        text.AppendLine();
        text.AppendLine(inv, $"Command: `dotnet run -c Release --project bench/KtPortal.Bench -- estimates{(tickets == DefaultTickets ? string.Empty : $" {tickets}")}`.");
        text.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
        text.AppendLine(inv, $"Data: {tickets:N0} resolved tickets over a year for {Clients} clients from `TicketHistoryGenerator` ({TicketHistoryGenerator.FamilyCount} kinds of work, log-normal hours around each kind's typical figure, a per-client factor), seed {Seed}.");
        text.AppendLine(inv, $"Split by resolution date: the oldest {historyCount:N0} are the history, the newest {heldOutCount:N0} are estimated as if new (the estimator never sees them).");
        text.AppendLine(inv, $"Basis of the held-out proposals: {string.Join(", ", bases.OrderBy(b => b.Key).Select(b => $"{b.Key} {b.Value:N0}"))}.");
        text.AppendLine();
        text.AppendLine("Mean absolute error in hours, and the share of estimates within ±25 % of the charged hours:");
        text.AppendLine();
        text.AppendLine("| tickets | count | local: MAE | local: within ±25 % | type median: MAE | type median: within ±25 % | one median: MAE | one median: within ±25 % |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var localRows = EstimateAccuracy.Summarize(local);
        var typeRows = EstimateAccuracy.Summarize(typeBaseline).ToDictionary(r => r.Group);
        var flatRows = EstimateAccuracy.Summarize(flat).ToDictionary(r => r.Group);
        foreach (var row in localRows)
        {
            var group = row.SupportTypeName is null ? $"**{row.Group}**" : row.Group;
            text.AppendLine(inv,
                $"| {group} | {row.Local.Count:N0} | {Hours(row.Local)} | {Share(row.Local)} | {Hours(typeRows[row.Group].Local)} | {Share(typeRows[row.Group].Local)} | {Hours(flatRows[row.Group].Local)} | {Share(flatRows[row.Group].Local)} |");
        }

        text.AppendLine();
        text.AppendLine(inv, $"Time per estimate (tokenising and weighting the whole {historyCount:N0}-ticket history each time, as the portal does): median {Percentile(times, 0.5):N1} ms, p95 {Percentile(times, 0.95):N1} ms, max {times[^1]:N1} ms.");
        text.AppendLine();
        text.AppendLine("Target: clearly better than the type-level median (reading the text must pay for itself), and an estimate in well under a second so a new ticket has one by the time staff open it.");
        text.AppendLine("Caveat: in generated history the wording follows the kind of work by construction, and each kind's hours scatter ±30 % (log-normal), which caps what any estimator can reach here; real tickets are wordier and noisier, so the accuracy page on live data is the figure to trust.");
        return text.ToString();
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Hours(AccuracyFigures figures) => (figures.MeanAbsoluteErrorMinutes / 60).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Share(AccuracyFigures figures) => (figures.WithinQuarterShare * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
