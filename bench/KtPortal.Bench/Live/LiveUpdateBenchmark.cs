using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KtPortal.Bench.Live;

/// <summary>
/// What one person's change costs everyone else: N signed-in Chromium sessions (half client admins on their dashboard,
/// half staff on the board), M status changes at a steady rate through the portal's own TicketService, and in each
/// session the time from the server's commit to the changed element in the DOM. Then a fault run: one session offline
/// for 10 s while changes happen, and whether it catches up after reconnecting.
/// <c>dotnet run -c Release --project bench/KtPortal.Bench -- live [N ...]</c>; writes its section of RESULTS.md.
/// </summary>
internal static class LiveUpdateBenchmark
{
    public const string Marker = "<!-- live-updates -->";
    public const int Changes = 40;
    public const int WarmUpChanges = 20;
    private const int FaultChanges = 5;
    public static readonly TimeSpan ChangeInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Offline = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string repositoryRoot, LiveOptions options)
    {
        var sizes = options.Sizes;
        var runs = new List<RunResult>();
        foreach (var size in sizes)
        {
            var first = runs.Count == 0;
            runs.Add(await RunOnceAsync(size, withFault: first, first ? options.TraceDirectory : null));
            Console.WriteLine(runs[^1].Summary);
        }

        var text = Report(sizes, runs);
        if (options.TraceDirectory is null)
        {
            ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, text);
        }
        else
        {
            Console.WriteLine("Traced run: RESULTS.md left as it was (tracing slows every page).");
        }

        Console.Write(text);
        return 0;
    }

    private static async Task<RunResult> RunOnceAsync(int sessions, bool withFault, string? traceDirectory)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"ktportal-live-{Guid.NewGuid():N}.db");
        using var circuits = new CircuitGauge();
        using var profile = new ServerProfile();
        var portal = new LivePortal(databasePath);
        try
        {
            portal.StartServer();
            var setup = await SetUpAsync(portal, sessions, WarmUpChanges + Changes + (withFault ? FaultChanges : 0));
            var warmUpTickets = setup.Tickets.Take(WarmUpChanges).ToList();
            var measuredTickets = setup.Tickets.Skip(WarmUpChanges).Take(Changes).ToList();
            var faultTickets = setup.Tickets.Skip(WarmUpChanges + Changes).ToList();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--disable-quic", "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
            });

            // Memory per circuit: the managed heap's growth while the second half of each kind opens, per circuit opened.
            // The first half warms what is shared and built lazily as use grows (compiled queries, component metadata,
            // the DI container's compiled factories, pooled buffers), which is not per circuit. Each figure is taken
            // after a change or two has reached every page: a component keeps its previous render tree until it renders
            // again, so right after opening a board still holds the first render (both layouts) it has since replaced.
            // The changes double as warm-up: a server that has run a while has compiled its hot paths, and the JIT's
            // tier-up of the change path otherwise takes a core's share in the first seconds (perf showed it) and
            // competes with the browsers for the two cores; after them the bench waits until the portal idles.
            var open = new List<LiveSession>();
            async Task OpenAsync(bool staff, int index) => open.Add(await LiveSession.OpenAsync(browser, portal.Address,
                staff ? setup.StaffEmails[index] : setup.ClientEmails[index], DemoData.Password, staff));
            var perKind = sessions / 2;
            var warmed = Math.Max(1, perKind / 2);
            for (var i = 0; i < warmed; i++)
            {
                await OpenAsync(staff: false, i);
                await OpenAsync(staff: true, i);
            }

            var warm = await SteadyHeapAsync(portal, circuits, warmUpTickets[..^4]);
            for (var i = warmed; i < perKind; i++)
            {
                await OpenAsync(staff: false, i);
            }

            var dashboards = await SteadyHeapAsync(portal, circuits, warmUpTickets[^4..^2]);
            for (var i = warmed; i < perKind; i++)
            {
                await OpenAsync(staff: true, i);
            }

            var boards = await SteadyHeapAsync(portal, circuits, warmUpTickets[^2..]);
            var memory = new CircuitMemory(PerCircuit(warm, boards), PerCircuit(warm, dashboards), PerCircuit(dashboards, boards));
            var held = CircuitHeapWalk.Measure();
            Console.WriteLine($"N={sessions}: heap walk of {held.Count} circuits: " + string.Join(", ", held.GroupBy(h => h.Page).Select(g => $"{g.Key} {g.Average(h => h.OwnedBytes) / 1024:N0} KB")));
            var idleCores = await SettleAsync(TimeSpan.FromSeconds(90));
            var measured = measuredTickets.Select(TicketNumber.Format).ToList();
            var browserBefore = new List<double>();
            foreach (var session in open)
            {
                await session.WatchAsync(measured);
                browserBefore.Add(await session.MainThreadSecondsAsync());
            }

            // The changes, at a steady rate, each committed and published by the portal's own service.
            portal.Stamps.TicketStamps.Clear();
            Console.WriteLine($"N={sessions}: {open.Count} sessions open, {Changes} changes start (pid {Environment.ProcessId}).");
            if (traceDirectory is not null)
            {
                await open[0].StartTraceAsync();
            }

            profile.Start();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var machine = new MachineCpu();
            var watch = Stopwatch.StartNew();
            await MoveSteadilyAsync(portal, measuredTickets);

            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var machineCores = machine.CoresBusy();
            var elapsed = watch.Elapsed;
            if (traceDirectory is not null)
            {
                var path = Path.Combine(traceDirectory, $"live-{sessions}.json");
                await open[0].StopTraceAsync(path);
                Console.WriteLine($"Trace of every page during the changes: {path}");
            }

            await WaitForAllAsync(open, measured, TimeSpan.FromSeconds(30));
            profile.Stop();
            var browserMs = new List<(bool IsStaff, double Ms)>();
            for (var i = 0; i < open.Count; i++)
            {
                browserMs.Add((open[i].IsStaff, (await open[i].MainThreadSecondsAsync() - browserBefore[i]) * 1000 / Changes));
            }

            var cost = ChangeCost.From(profile, Changes, cpu, elapsed, machineCores, browserMs);
            foreach (var (name, (count, sum)) in profile.Totals.Where(t => t.Key.StartsWith("sql ", StringComparison.Ordinal)).OrderByDescending(t => t.Value.Sum).Take(8))
            {
                Console.WriteLine($"  {count / (double)Changes:N1} per change, {sum / Changes:N1} ms: {name}");
            }

            var latencies = new List<double>();
            var complete = 0;
            foreach (var session in open)
            {
                var (first, arrivals) = await session.ReadAsync();
                latencies.AddRange(measured.Where(first.ContainsKey).Select(n => first[n] - portal.Stamps.TicketStamps[n]));
                if (measured.All(n => first.ContainsKey(n) && arrivals[n] == 1))
                {
                    complete++;
                }
            }

            var fault = withFault ? await FaultAsync(portal, browser, setup.ClientEmails[0], faultTickets) : null;
            foreach (var session in open)
            {
                await session.Context.CloseAsync();
            }

            latencies.Sort();
            return new RunResult(sessions, latencies, sessions * Changes, complete, boards.Circuits, memory, held, cost, idleCores, fault);
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }

    /// <summary>
    /// One more client session loses its network for 10 s while changes happen; after it is back, how long until it shows
    /// them all. A session of its own, opened after the measured run: its WebSocket runs through a Playwright route (so it
    /// can be cut), which relays every frame through the bench and would slow that session's deliveries in the measurement.
    /// </summary>
    private static async Task<FaultResult> FaultAsync(LivePortal portal, IBrowser browser, string clientEmail, IReadOnlyList<int> tickets)
    {
        var session = await LiveSession.OpenAsync(browser, portal.Address, clientEmail, DemoData.Password, isStaff: false, cuttable: true);
        var numbers = tickets.Select(TicketNumber.Format).ToList();
        await session.WatchAsync(numbers);
        portal.Stamps.TicketStamps.Clear();
        await session.CutAsync();
        var offline = Stopwatch.StartNew();
        foreach (var number in tickets)
        {
            await MoveAsync(portal, number);
            await Task.Delay(Offline / (tickets.Count + 1));
        }

        var seenWhileOffline = (await session.ReadAsync()).First.Count;
        await Task.Delay(Offline - offline.Elapsed > TimeSpan.Zero ? Offline - offline.Elapsed : TimeSpan.Zero);
        await session.RestoreAsync();
        var back = Stopwatch.StartNew();
        var caughtUp = await WaitForAllAsync([session], numbers, TimeSpan.FromSeconds(60));
        var (first, arrivals) = await session.ReadAsync();
        await session.Context.CloseAsync();
        return new FaultResult(tickets.Count, seenWhileOffline, first.Count, caughtUp ? back.Elapsed : null, numbers.All(n => arrivals.GetValueOrDefault(n) <= 1));
    }

    private static async Task<bool> WaitForAllAsync(IReadOnlyList<LiveSession> sessions, IReadOnlyList<string> numbers, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            var done = true;
            foreach (var session in sessions)
            {
                var (first, _) = await session.ReadAsync();
                done &= numbers.All(first.ContainsKey);
            }

            if (done)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>The tickets moved New → In Progress one per <see cref="ChangeInterval"/>.</summary>
    /// <summary>Moves each ticket, one per interval; returns how long each move took its writer (commit and publish), in ms.</summary>
    internal static async Task<List<double>> MoveSteadilyAsync(LivePortal portal, IReadOnlyList<int> tickets)
    {
        using var timer = new PeriodicTimer(ChangeInterval);
        var writer = new List<double>();
        foreach (var number in tickets)
        {
            var started = Stopwatch.GetTimestamp();
            await MoveAsync(portal, number);
            writer.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await timer.WaitForNextTickAsync();
        }

        return writer;
    }

    /// <summary>Waits until this process (the portal) uses under 5 % of a core over two seconds, or the limit; returns that last figure.</summary>
    internal static async Task<double> SettleAsync(TimeSpan limit)
    {
        var window = TimeSpan.FromSeconds(2);
        var waited = Stopwatch.StartNew();
        double cores;
        do
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(window);
            cores = (Process.GetCurrentProcess().TotalProcessorTime - before) / window;
        }
        while (cores >= 0.05 && waited.Elapsed < limit);

        Console.WriteLine($"Portal process idle at {cores:N3} cores after {waited.Elapsed.TotalSeconds:N0} s.");
        return cores;
    }

    private static async Task MoveAsync(LivePortal portal, int number)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TicketService>().ChangeStatusAsync(Actor.System, number, TicketStatus.InProgress);
    }

    internal sealed record Setup(IReadOnlyList<string> ClientEmails, IReadOnlyList<string> StaffEmails, IReadOnlyList<int> Tickets);

    /// <summary>Generated clients and tickets around a "Live Co" client whose admins watch their dashboard, staff users, and the tickets to move.</summary>
    internal static async Task<Setup> SetUpAsync(LivePortal portal, int sessions, int tickets)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<BulkDataSeeder>().SeedAsync(15, 2_000, 1);
        var clientId = await services.GetRequiredService<ClientService>().CreateAsync(Actor.System, new ClientInput("Live Co", "billing@live.test", 120_00, 95_00, 0, 14));
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var clientEmails = new List<string>();
        var staffEmails = new List<string>();
        for (var i = 0; i < (sessions + 1) / 2; i++)
        {
            clientEmails.Add(await CreateUserAsync(users, $"client{i}@live.test", PortalRoles.ClientAdmin, clientId));
            staffEmails.Add(await CreateUserAsync(users, $"staff{i}@ktportal.test", PortalRoles.Staff, null));
        }

        var ticketService = services.GetRequiredService<TicketService>();
        var numbers = new List<int>();
        for (var i = 0; i < tickets; i++)
        {
            numbers.Add(await ticketService.CreateAsync(Actor.System,
                new NewTicketInput(TicketType.Troubleshooting, SupportType.TroubleshootingId, $"Live change {i + 1}", "Moved by the live-update benchmark.", ClientId: clientId)));
        }

        return new Setup(clientEmails, staffEmails, numbers);
    }

    private static async Task<string> CreateUserAsync(UserManager<PortalUser> users, string email, string role, int? clientId)
    {
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], ClientId = clientId, CreatedAtUtc = TimeProvider.System.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, DemoData.Password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}.");
        }

        return email;
    }

    /// <summary>Unmeasured changes that every open page takes, a wait until the portal idles, then the heap after a full collection.</summary>
    private static async Task<(long Heap, int Circuits)> SteadyHeapAsync(LivePortal portal, CircuitGauge circuits, IReadOnlyList<int> changes)
    {
        await MoveSteadilyAsync(portal, changes);
        await SettleAsync(TimeSpan.FromSeconds(30));
        return HeapAndCircuits(circuits);
    }

    private static (long Heap, int Circuits) HeapAndCircuits(CircuitGauge circuits)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true), circuits.Active);
    }

    private static double PerCircuit((long Heap, int Circuits) from, (long Heap, int Circuits) to) =>
        to.Circuits > from.Circuits ? (to.Heap - from.Heap) / (double)(to.Circuits - from.Circuits) : 0;

    private static string Report(IReadOnlyList<int> sizes, List<RunResult> runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(Marker);
        text.AppendLine("## Live updates: commit to DOM (issue 8)");
        text.AppendLine();
        text.AppendLine(inv, $"Command: `dotnet run -c Release --project bench/KtPortal.Bench -- live {string.Join(' ', sizes)}`.");
        text.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; the portal in Release on Kestrel (loopback), SQLite file, demo data plus 15 generated clients and 2,000 tickets; one headless Debian Chromium, one context per session, each signed in once.");
        text.AppendLine(inv, $"Sessions: half client admins of one client on `/dashboard` (its open-tickets table), half staff on `/board`. Changes: {Changes} tickets of that client moved New → In Progress through `TicketService`, one every {ChangeInterval.TotalMilliseconds:N0} ms.");
        text.AppendLine(inv, $"Warm-up before measuring, as on a server that has been running: {WarmUpChanges} unmeasured changes at the same rate, then a wait until the portal's process idles under 0.05 of a core or 90 s pass (at the end it used {string.Join(" / ", runs.Select(r => r.IdleCores.ToString("N3", inv)))} cores).");
        text.AppendLine("Latency: the server's commit stamp (taken when the service publishes, right after its commit) to the first DOM mutation in which that ticket shows In Progress (a MutationObserver in each page; page and server share the machine's clock).");
        text.AppendLine();
        text.AppendLine("| sessions | deliveries | p50 ms | p95 ms | p99 ms | max ms | sessions with every change exactly once | circuits | managed memory per circuit: all | on a dashboard | on the board |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in runs)
        {
            text.AppendLine(inv,
                $"| {run.Sessions} | {run.Latencies.Count:N0} of {run.Expected:N0} | {P(run.Latencies, 0.50):N0} | {P(run.Latencies, 0.95):N0} | {P(run.Latencies, 0.99):N0} | {(run.Latencies.Count == 0 ? 0 : run.Latencies[^1]):N0} | {run.Complete} of {run.Sessions} | {run.Circuits} | {run.Memory.All / 1024:N0} KB | {run.Memory.Dashboard / 1024:N0} KB | {run.Memory.Board / 1024:N0} KB |");
        }

        text.AppendLine();
        text.AppendLine("What one change cost (averages over the change phase; server figures are all circuits together):");
        text.AppendLine();
        text.AppendLine("| sessions | DB commands | DB time ms | render diffs | diff edits | server CPU (cores) | machine CPU (cores, of 2) | browser main thread per page, dashboard ms | board ms |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in runs)
        {
            var c = run.Cost;
            text.AppendLine(inv,
                $"| {run.Sessions} | {c.DbCommands:N0} | {c.DbMs:N0} | {c.RenderDiffs:N0} | {c.RenderedEdits:N0} | {c.ServerCores:N2} | {(c.MachineCores is { } m ? m.ToString("N2", inv) : "n/a")} | {c.DashboardBrowserMs:N0} | {c.BoardBrowserMs:N0} |");
        }

        text.AppendLine();
        text.AppendLine("What one circuit holds on its own (heap walk, after the heap figures above; mean over the circuits showing that page):");
        text.AppendLine();
        text.AppendLine("| sessions | page | circuits | held by the circuit | components | of it render-tree frames | largest other shares |");
        text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var run in runs)
        {
            foreach (var page in run.Held.GroupBy(h => h.Page).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var n = page.Count();
                var top = page.SelectMany(h => h.BytesByType)
                    .Where(t => t.Key != "Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[]")
                    .GroupBy(t => t.Key).Select(g => (Type: g.Key, Bytes: g.Sum(t => t.Value) / (double)n))
                    .OrderByDescending(t => t.Bytes).Take(4)
                    .Select(t => string.Create(inv, $"{ShortTypeName(t.Type)} {t.Bytes / 1024:N0} KB"));
                text.AppendLine(inv,
                    $"| {run.Sessions} | `{page.Key}` | {n} | {page.Average(h => h.OwnedBytes) / 1024:N0} KB | {page.Average(h => h.Components):N0} | {page.Average(h => h.FrameBytes) / 1024:N0} KB | {string.Join("; ", top)} |");
            }
        }

        if (runs.Select(r => r.Fault).FirstOrDefault(f => f is not null) is { } fault)
        {
            text.AppendLine();
            var outcome = fault.CaughtUpAfter is { } t
                ? string.Create(inv, $"all {fault.SeenAtEnd} {t.TotalSeconds:N1} s after the network came back")
                : string.Create(inv, $"only {fault.SeenAtEnd} within 60 s of the network coming back");
            text.AppendLine(inv, $"Fault run: one client session cut off (Playwright offline, and its circuit's WebSocket closed and refused) for {Offline.TotalSeconds:N0} s while {fault.Changes} more tickets moved; it showed {fault.SeenWhileOffline} of them while offline and {outcome}{(fault.NoDuplicates ? ", none twice" : ", some twice")}.");
        }

        text.AppendLine();
        text.AppendLine("Targets: N = 20 p95 under 100 ms with every change delivered; N = 100 p95 under 250 ms; managed memory under 1 MB per circuit.");
        text.AppendLine("Memory per circuit: the growth of the managed heap (after a full collection) while the second half of the sessions of a kind opened, divided by the circuits the `Microsoft.AspNetCore.Components.Server.Circuits` meter counted opening meanwhile (the first half warms shared caches that grow with use); each heap figure taken after two changes reached every page and the portal idled (steady state: a component holds its previous render tree until it renders again).");
        text.AppendLine("Held by the circuit: the bench dumps its own process (the portal runs in it) and reads the dump with ClrMD; an object counts for a circuit when it is reachable from that circuit's `CircuitHost` and from no other circuit's (walks do not pass through another circuit's host, renderer, navigation manager, JS runtime or scope, nor through the root service provider, the circuit registry, the change notifier or the timer queue, which link every circuit to every other). It leaves out what the sessions' connections, the bench and Playwright hold, and what circuits share; the heap's growth above includes them.");
        text.AppendLine("Cost per change: EF Core's executed-command events (count, summed duration), Blazor's `aspnetcore.components.render_diff.size` histogram (diffs, edits), this process's CPU (server and bench driver), the machine's from /proc/stat, and each page's main-thread task time from Chromium's Performance domain (median page of each kind; wall time, so it includes waiting for a core).");
        return text.ToString();
    }

    /// <summary>A type name without namespaces (generic arguments too), for the report.</summary>
    private static string ShortTypeName(string name) => System.Text.RegularExpressions.Regex.Replace(name, @"[\w]+\.", "");

    internal static double P(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Managed bytes per circuit: over all sessions, and for the dashboard and board sessions apart.</summary>
    private sealed record CircuitMemory(double All, double Dashboard, double Board);

    private sealed record FaultResult(int Changes, int SeenWhileOffline, int SeenAtEnd, TimeSpan? CaughtUpAfter, bool NoDuplicates);

    private sealed record RunResult(
        int Sessions, List<double> Latencies, int Expected, int Complete, int Circuits, CircuitMemory Memory, IReadOnlyList<CircuitHeapWalk.CircuitHolding> Held,
        ChangeCost Cost, double IdleCores, FaultResult? Fault)
    {
        public string Summary => $"N={Sessions}: {Latencies.Count}/{Expected} delivered, {Complete} complete sessions, {Circuits} circuits";
    }

    /// <summary>Active circuits, from the framework's own meter.</summary>
    private sealed class CircuitGauge : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _active;

        public CircuitGauge()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.Components.Server.Circuits" && instrument.Name == "aspnetcore.components.circuit.active")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Add(value));
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Add(value));
            _listener.Start();
        }

        public int Active => (int)Interlocked.Read(ref _active);

        private void Add(long value) => Interlocked.Add(ref _active, value);

        public void Dispose() => _listener.Dispose();
    }
}
