using System.Diagnostics;
using System.Globalization;
using System.Text;
using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Bench.Live;

/// <summary>
/// <c>soak [sessions] [minutes]</c>: the portal with N Blazor-protocol sessions open (half on the board, half on a
/// client's dashboard) and a ticket moved every second for the whole time; every minute the managed heap after a full
/// collection, the process's handle and thread counts and the open circuits are sampled. Reports each series' slope by
/// least squares over the samples after the first two minutes (warm-up). Writes its section of bench/RESULTS.md.
/// </summary>
internal static class SoakBenchmark
{
    public const string Marker = "<!-- soak -->";

    private const int TicketsMoved = 20;

    public static async Task<int> RunAsync(string repositoryRoot, int sessions, int minutes)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"ktportal-soak-{Guid.NewGuid():N}.db");
        var portal = new LivePortal(databasePath);
        var open = new List<ProtocolSession>();
        var samples = new List<Sample>();
        var moves = 0;
        var failedMoves = 0;
        try
        {
            portal.StartServer();
            var setup = await LiveUpdateBenchmark.SetUpAsync(portal, sessions, TicketsMoved);
            var address = new Uri(portal.Address);
            for (var i = 0; i < sessions / 2; i++)
            {
                // A text no batch carries: the sessions count batches but keep no list of arrivals that would grow.
                open.Add(await ProtocolSession.OpenAsync(address, setup.ClientEmails[i], "/dashboard", "\u0001 never shown"));
                open.Add(await ProtocolSession.OpenAsync(address, setup.StaffEmails[i], "/board", "\u0001 never shown"));
            }

            Console.WriteLine($"{open.Count} sessions open; moving a ticket every second for {minutes} min.");
            var watch = Stopwatch.StartNew();
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var nextSample = TimeSpan.Zero;
            var status = TicketStatus.InProgress;
            while (watch.Elapsed < TimeSpan.FromMinutes(minutes))
            {
                if (watch.Elapsed >= nextSample)
                {
                    samples.Add(Take(watch.Elapsed, open));
                    Console.WriteLine(samples[^1].Row);
                    nextSample += TimeSpan.FromMinutes(1);
                }

                var number = setup.Tickets[moves % TicketsMoved];
                if (moves % TicketsMoved == 0 && moves > 0)
                {
                    status = status == TicketStatus.InProgress ? TicketStatus.WaitingOnClient : TicketStatus.InProgress;
                }

                try
                {
                    await using var scope = portal.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TicketService>().ChangeStatusAsync(Actor.System, number, status);
                }
                catch (DomainException)
                {
                    failedMoves++;
                }

                moves++;
                await timer.WaitForNextTickAsync();
            }

            samples.Add(Take(watch.Elapsed, open));
            var text = Report(sessions, minutes, samples, moves, failedMoves, open);
            ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, text);
            Console.Write(text);
            return 0;
        }
        finally
        {
            foreach (var session in open)
            {
                await session.DisposeAsync();
            }

            await portal.DisposeAsync();
        }
    }

    private static Sample Take(TimeSpan at, IReadOnlyList<ProtocolSession> open)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return new Sample(at.TotalMinutes, GC.GetTotalMemory(forceFullCollection: true), process.HandleCount, process.Threads.Count, open.Sum(s => (long)s.Batches));
    }

    private static (double Slope, double First, double Last) Trend(IReadOnlyList<Sample> samples, Func<Sample, double> value)
    {
        var points = samples.Where(s => s.Minute >= 2).ToList();
        var meanX = points.Average(p => p.Minute);
        var meanY = points.Average(value);
        var slope = points.Sum(p => (p.Minute - meanX) * (value(p) - meanY)) / points.Sum(p => (p.Minute - meanX) * (p.Minute - meanX));
        return (slope, value(points[0]), value(points[^1]));
    }

    private static string Report(int sessions, int minutes, List<Sample> samples, int moves, int failedMoves, IReadOnlyList<ProtocolSession> open)
    {
        var inv = CultureInfo.InvariantCulture;
        var heap = Trend(samples, s => s.Heap / 1024.0 / 1024.0);
        var handles = Trend(samples, s => s.Handles);
        var threads = Trend(samples, s => s.Threads);
        var text = new StringBuilder()
            .AppendLine(Marker)
            .AppendLine("## Soak: open sessions and a change every second (issue 26)")
            .AppendLine()
            .AppendLine(inv, $"Command: `dotnet run -c {BuildConfiguration.Name} --project bench/KtPortal.Bench -- soak {sessions} {minutes}`.")
            .AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}. The portal on Kestrel in this process with {open.Count} Blazor-protocol sessions (`ProtocolSession`, as in live-server: half on /board as staff, half on a client's /dashboard); one ticket status change every second through the ticket service ({moves:N0} changes, {failedMoves} refused), each delivered to every page that shows it ({open.Sum(s => (long)s.Batches):N0} render batches received and acknowledged in all). Every minute: the managed heap after a full collection, the handle and thread counts of the process (portal and sessions together). Slopes by least squares from minute 2 on.")
            .AppendLine()
            .AppendLine("| series | at minute 2 | at the end | slope per minute | slope per hour |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: |")
            .AppendLine(inv, $"| managed heap, MB | {heap.First:N2} | {heap.Last:N2} | {heap.Slope:N4} | {heap.Slope * 60:N2} |")
            .AppendLine(inv, $"| handles | {handles.First:N0} | {handles.Last:N0} | {handles.Slope:N3} | {handles.Slope * 60:N1} |")
            .AppendLine(inv, $"| threads | {threads.First:N0} | {threads.Last:N0} | {threads.Slope:N3} | {threads.Slope * 60:N1} |")
            .AppendLine()
            .AppendLine("| minute | heap MB | handles | threads | batches so far |")
            .AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var sample in samples)
        {
            text.AppendLine(sample.Row);
        }

        return text.ToString();
    }

    private sealed record Sample(double Minute, long Heap, int Handles, int Threads, long Batches)
    {
        public string Row => string.Create(CultureInfo.InvariantCulture, $"| {Minute:N1} | {Heap / 1024.0 / 1024.0:N2} | {Handles:N0} | {Threads:N0} | {Batches:N0} |");
    }
}
