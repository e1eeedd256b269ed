using System.Diagnostics;
using System.Globalization;
using System.Text;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;

namespace KtPortal.Bench.Live;

/// <summary>
/// The live-update benchmark without browsers: the same portal, data, pages and changes as <see cref="LiveUpdateBenchmark"/>,
/// but each session is a <see cref="ProtocolSession"/> (Blazor's protocol over a WebSocket, no DOM). Latency is the server's
/// commit stamp to the arrival of the first render batch that shows the ticket In Progress. On this 2-core machine the
/// browsers of the full benchmark take most of the CPU; this run shows what the portal itself delivers.
/// <c>dotnet run -c Release --project bench/KtPortal.Bench -- live-server [N ...]</c>; writes its section of RESULTS.md.
/// </summary>
internal static class ServerDeliveryBenchmark
{
    public const string Marker = "<!-- live-updates-server -->";

    /// <summary>How long after the last change a batch may still arrive for it.</summary>
    private static readonly TimeSpan LastWindow = TimeSpan.FromSeconds(2);

    /// <summary>The cross-instance run's section: writes on one instance, pages open on another, Redis between.</summary>
    public const string InstancesMarker = "<!-- live-updates-instances -->";

    public static async Task<int> RunAsync(string repositoryRoot, IReadOnlyList<int> sizes)
    {
        var runs = new List<Run>();
        foreach (var size in sizes)
        {
            runs.Add(await RunOnceAsync(size, redis: null));
            Console.WriteLine($"N={size}: {runs[^1].Latencies.Count}/{runs[^1].Expected} delivered, p95 {LiveUpdateBenchmark.P(runs[^1].Latencies, 0.95):N0} ms");
        }

        var text = Report(sizes, runs);
        ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, text);
        Console.Write(text);
        return 0;
    }

    /// <summary>
    /// <c>live-instances [N ...]</c>: the same run with two portal instances on one database and a real redis-server
    /// between them: every change is made on instance A, every session is open on instance B.
    /// </summary>
    public static async Task<int> RunAcrossInstancesAsync(string repositoryRoot, IReadOnlyList<int> sizes)
    {
        await using var redis = await Faults.RedisServerProcess.StartAsync();
        var runs = new List<Run>();
        foreach (var size in sizes)
        {
            runs.Add(await RunOnceAsync(size, redis.Configuration));
            Console.WriteLine($"N={size}: {runs[^1].Latencies.Count}/{runs[^1].Expected} delivered across instances, p95 {LiveUpdateBenchmark.P(runs[^1].Latencies, 0.95):N0} ms");
        }

        var text = Report(sizes, runs, acrossInstances: true);
        ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), InstancesMarker, text);
        Console.Write(text);
        return 0;
    }

    private static async Task<Run> RunOnceAsync(int sessions, string? redis)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"ktportal-live-server-{Guid.NewGuid():N}.db");
        var portal = new LivePortal(databasePath, redis);
        LivePortal? other = null;
        var open = new List<(bool IsStaff, ProtocolSession Session)>();
        try
        {
            portal.StartServer();
            var changes = LiveUpdateBenchmark.Changes;
            var setup = await LiveUpdateBenchmark.SetUpAsync(portal, sessions, LiveUpdateBenchmark.WarmUpChanges + changes);
            if (redis is not null)
            {
                // The second instance starts on the database the first has set up; the sessions open there.
                other = new LivePortal(databasePath, redis) { SharesDatabase = true };
                other.StartServer();
            }

            var address = new Uri((other ?? portal).Address);
            for (var i = 0; i < sessions / 2; i++)
            {
                open.Add((false, await ProtocolSession.OpenAsync(address, setup.ClientEmails[i], "/dashboard", nameof(TicketStatus.InProgress))));
                open.Add((true, await ProtocolSession.OpenAsync(address, setup.StaffEmails[i], "/board", nameof(TicketStatus.InProgress))));
            }

            // The same warm-up as the browser run: unmeasured changes, then the portal idles.
            await LiveUpdateBenchmark.MoveSteadilyAsync(portal, [.. setup.Tickets.Take(LiveUpdateBenchmark.WarmUpChanges)]);
            var idle = await LiveUpdateBenchmark.SettleAsync(TimeSpan.FromSeconds(90));
            var measured = setup.Tickets.Skip(LiveUpdateBenchmark.WarmUpChanges).Take(changes).ToList();
            portal.Stamps.TicketStamps.Clear();
            var arrivedBefore = open.Select(o => o.Session.Arrivals.Count).ToList();
            Console.WriteLine($"N={sessions}: {open.Count} protocol sessions open, {changes} changes start.");
            var machine = new MachineCpu();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var writer = await LiveUpdateBenchmark.MoveSteadilyAsync(portal, measured);
            writer.Sort();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var elapsed = watch.Elapsed;
            var machineCores = machine.CoresBusy();
            await Task.Delay(LastWindow);

            // Change k's delivery to a session: the first batch showing a ticket In Progress after k's commit and before
            // the next change's (nothing else changes meanwhile; a batch later than that counts as not delivered).
            var stamps = measured.Select(n => portal.Stamps.TicketStamps[TicketNumber.Format(n)]).ToList();
            var latencies = new List<double>();
            var complete = 0;
            for (var s = 0; s < open.Count; s++)
            {
                var arrivals = open[s].Session.Arrivals.Skip(arrivedBefore[s]).ToList();
                var delivered = 0;
                for (var k = 0; k < stamps.Count; k++)
                {
                    var end = k + 1 < stamps.Count ? stamps[k + 1] : stamps[k] + LastWindow.TotalMilliseconds;
                    var first = arrivals.FirstOrDefault(a => a >= stamps[k] && a < end, double.NaN);
                    if (!double.IsNaN(first))
                    {
                        latencies.Add(first - stamps[k]);
                        delivered++;
                    }
                }

                complete += delivered == stamps.Count ? 1 : 0;
            }

            foreach (var kind in open.GroupBy(o => o.IsStaff))
            {
                Console.WriteLine($"  {(kind.Key ? "board" : "dashboard")} sessions: {kind.Average(o => o.Session.Batches):N0} render batches each, {kind.Average(o => o.Session.Arrivals.Count):N0} of them showing a ticket In Progress");
            }

            latencies.Sort();
            return new Run(sessions, latencies, sessions * changes, complete, cpu / elapsed, machineCores, idle, writer);
        }
        finally
        {
            foreach (var (_, session) in open)
            {
                await session.DisposeAsync();
            }

            if (other is not null)
            {
                await other.DisposeAsync();
            }

            await portal.DisposeAsync();
        }
    }

    private static string Report(IReadOnlyList<int> sizes, List<Run> runs, bool acrossInstances = false)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        if (acrossInstances)
        {
            text.AppendLine(InstancesMarker);
            text.AppendLine("## Live updates across two instances: commit on A to render batch on B (issue 26)");
            text.AppendLine();
            text.AppendLine(inv, $"Command: `dotnet run -c {BuildConfiguration.Name} --project bench/KtPortal.Bench -- live-instances {string.Join(' ', sizes)}`.");
            text.AppendLine("Two portal instances in this process, each on its own Kestrel port, on one SQLite database, with a real `redis-server` (Debian's, started by the bench on a free loopback port) between them (`KtPortal:Scale:Redis`). Every change is made through instance A's services; every session is open on instance B, so each change crosses Redis pub/sub before B's circuits render it. Everything else is as in the run without browsers above: data, pages, warm-up, changes and definitions.");
            text.AppendLine();
        }

        if (!acrossInstances)
        {
            text.AppendLine(Marker);
            text.AppendLine("## Live updates without browsers: commit to render batch (issue 8)");
            text.AppendLine();
            text.AppendLine(inv, $"Command: `dotnet run -c Release --project bench/KtPortal.Bench -- live-server {string.Join(' ', sizes)}`.");
        }

        text.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; the same portal, data, pages, warm-up and {LiveUpdateBenchmark.Changes} changes (one every {LiveUpdateBenchmark.ChangeInterval.TotalMilliseconds:N0} ms) as the browser run above, but no browser: each session signs in over HTTP and opens its page's circuit with SignalR's .NET client speaking Blazor's protocol (`ProtocolSession`: StartCircuit, the page's component markers, every render batch acknowledged, JS calls answered as a 1,400 × 900 desktop would).");
        text.AppendLine("Writer: how long the move took the code that made it (the service call: commit, then publish), which must not grow with the number of open pages. Latency: the server's commit stamp to the arrival of the first render batch that shows the ticket In Progress (the moment a browser would start applying it). A batch later than the next change's commit counts as not delivered.");
        text.AppendLine();
        text.AppendLine("| sessions | delivered | p50 ms | p95 ms | p99 ms | max ms | sessions with every change | writer p50 ms | writer p95 ms | process CPU (portal and clients, cores) | machine CPU (cores, of 2) |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in runs)
        {
            text.AppendLine(inv,
                $"| {run.Sessions} | {run.Latencies.Count:N0} of {run.Expected:N0} | {LiveUpdateBenchmark.P(run.Latencies, 0.50):N0} | {LiveUpdateBenchmark.P(run.Latencies, 0.95):N0} | {LiveUpdateBenchmark.P(run.Latencies, 0.99):N0} | {(run.Latencies.Count == 0 ? 0 : run.Latencies[^1]):N0} | {run.Complete} of {run.Sessions} | {LiveUpdateBenchmark.P(run.Writer, 0.50):N1} | {LiveUpdateBenchmark.P(run.Writer, 0.95):N1} | {run.ProcessCores:N2} | {(run.MachineCores is { } m ? m.ToString("N2", inv) : "n/a")} |");
        }

        text.AppendLine();
        text.AppendLine(inv, $"Before measuring, the portal's process idled at {string.Join(" / ", runs.Select(r => r.IdleCores.ToString("N3", inv)))} cores. Targets as above: N = 20 p95 under 100 ms with every change delivered; N = 100 p95 under 250 ms. This run measures the portal's part of them; the browser run above adds what 20 or 100 Chromium pages on the same 2 cores cost.");
        return text.ToString();
    }

    private sealed record Run(int Sessions, List<double> Latencies, int Expected, int Complete, double ProcessCores, double? MachineCores, double IdleCores, List<double> Writer);
}
