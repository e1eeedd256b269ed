using System.Diagnostics;
using System.Globalization;
using System.Text;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Bench;

/// <summary>
/// Seeds 100,000 tickets into a fresh SQLite file, then times what the board does for its first page:
/// the queries alone, and the whole server render of /board (staff) and /tickets (a client user) over HTTP.
/// </summary>
internal static class BoardBenchmark
{
    private const int Iterations = 30;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "invoices")
        {
            return InvoicePdfBenchmark.Run(FindRepositoryRoot());
        }

        if (args.Length > 0 && args[0] == "live")
        {
            if (!Live.LiveOptions.TryParse(args.Skip(1).ToList(), out var options, out var error))
            {
                await Console.Error.WriteLineAsync($"{error}\n{Live.LiveOptions.Usage}");
                return 2;
            }

            return await Live.LiveUpdateBenchmark.RunAsync(FindRepositoryRoot(), options);
        }

        if (args.Length > 0 && args[0] == "live-server")
        {
            if (!Live.LiveOptions.TryParse(args.Skip(1).ToList(), out var options, out var error) || options.TraceDirectory is not null)
            {
                await Console.Error.WriteLineAsync($"{(error.Length > 0 ? error : "live-server takes no --trace (there is no browser).")}\n{Live.LiveOptions.ServerUsage}");
                return 2;
            }

            return await Live.ServerDeliveryBenchmark.RunAsync(FindRepositoryRoot(), options.Sizes);
        }

        if (args.Length > 0 && args[0] == "live-instances")
        {
            if (!Live.LiveOptions.TryParse(args.Skip(1).ToList(), out var options, out var error) || options.TraceDirectory is not null)
            {
                await Console.Error.WriteLineAsync($"{(error.Length > 0 ? error : "live-instances takes no --trace.")}\n{Live.LiveOptions.ServerUsage}");
                return 2;
            }

            return await Live.ServerDeliveryBenchmark.RunAcrossInstancesAsync(FindRepositoryRoot(), options.Sizes);
        }

        if (args.Length > 0 && args[0] == "email-outage")
        {
            return await Faults.EmailOutageBenchmark.RunAsync(FindRepositoryRoot(),
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);
        }

        if (args.Length > 0 && args[0] == "soak")
        {
            return await Live.SoakBenchmark.RunAsync(FindRepositoryRoot(),
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30);
        }

        if (args.Length > 0 && args[0] == "reports")
        {
            return await ReportsBenchmark.RunAsync(FindRepositoryRoot(),
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000);
        }

        if (args.Length > 0 && args[0] == "search")
        {
            return await SearchBenchmark.RunAsync(FindRepositoryRoot(), args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
        }

        if (args.Length > 0 && args[0] == "billing-kill")
        {
            return await Faults.BillingKillBenchmark.RunAsync(FindRepositoryRoot(),
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
        }

        if (args.Length > 0 && args[0] == "sql")
        {
            return SqlTimer.Run([.. args.Skip(1)]);
        }

        if (args.Length > 0 && args[0] == "estimates")
        {
            return EstimatorBenchmark.Run(FindRepositoryRoot(), args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : EstimatorBenchmark.DefaultTickets);
        }

        var tickets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var databasePath = Path.Combine(Path.GetTempPath(), $"ktportal-bench-{Guid.NewGuid():N}.db");
        try
        {
            using var portal = new BenchPortal(databasePath);
            using var warm = portal.CreateClient();
            await warm.GetAsync(new Uri("/health", UriKind.Relative));

            var seedWatch = Stopwatch.StartNew();
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BulkDataSeeder>().SeedAsync(15, tickets, seed: 1);
            }

            var seedSeconds = seedWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"Seeded {tickets:N0} tickets in {seedSeconds:N1} s");

            Actor staff;
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
                var staffUser = (await users.FindByEmailAsync(DemoData.StaffEmail))!;
                    staff = new Actor(staffUser.Id, PortalRoles.Staff, null);
                }

            // A client user of a generated client, who owns thousands of the tickets.
            var bigClient = await BoardQueryAsync(portal, staff, TicketFilter.None);
            var bigClientId = bigClient.First(c => c.Items.Count > 0).Items[0].ClientId;
            var generatedAdmin = new Actor("bench", PortalRoles.ClientAdmin, bigClientId);
            const string BigClientEmail = "bench-admin@generated.test";
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                // Generated users have no password; this one signs in so the HTTP row measures a big client's own list.
                var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
                var user = new PortalUser { UserName = BigClientEmail, Email = BigClientEmail, EmailConfirmed = true, DisplayName = "Bench Admin", ClientId = bigClientId };
                (await users.CreateAsync(user, DemoData.Password)).Succeeded.Should(BigClientEmail);
                (await users.AddToRoleAsync(user, PortalRoles.ClientAdmin)).Succeeded.Should(BigClientEmail);
            }

            var results = new List<(string Name, double[] Ms)>
            {
                ("Board queries, staff (counts + 5 columns × 25)", await TimeAsync(() => BoardQueryAsync(portal, staff, TicketFilter.None))),
                ("Board queries, staff, search \"checkout\"", await TimeAsync(() => BoardQueryAsync(portal, staff, new TicketFilter { Search = "checkout" }))),
                ("Board queries, staff, one client + Urgent", await TimeAsync(() => BoardQueryAsync(portal, staff, new TicketFilter { ClientId = bigClientId, Priority = TicketPriority.Urgent }))),
                ("Board queries, client admin of a 6.7k-ticket client", await TimeAsync(() => BoardQueryAsync(portal, generatedAdmin, TicketFilter.None))),
                ("Ticket list page 1 (25), client admin", await TimeAsync(() => ListAsync(portal, generatedAdmin))),
            };

            var usageWatch = Stopwatch.StartNew();
            await UsageBenchmark.ArrangeAsync(portal, staff, bigClientId);
            Console.WriteLine($"Logged time for the usage rows in {usageWatch.Elapsed.TotalSeconds:N1} s");
            var busiest = await UsageBenchmark.BusiestTicketAsync(portal, bigClientId);
            results.Add(($"Hours meter, client with {UsageBenchmark.CurrentEntries} entries this period and {UsageBenchmark.HistoryEntries:N0} before", await TimeAsync(() => UsageBenchmark.MeterAsync(portal, generatedAdmin, bigClientId))));
            results.Add(("Ticket billing explainer, that client's busiest ticket this period (reads the whole period)", await TimeAsync(() => UsageBenchmark.TicketBillingAsync(portal, staff, busiest))));
            results.Add(("Plan health of every client (the board's cards), 17 clients", await TimeAsync(() => UsageBenchmark.PlanHealthAsync(portal, staff))));

            using var staffHttp = await SignedInClient.CreateAsync(portal, DemoData.StaffEmail);
            using var bigClientHttp = await SignedInClient.CreateAsync(portal, BigClientEmail);
            results.Add(("GET /board (staff): queries + full server render", await TimeAsync(() => GetAsync(staffHttp, "/board"))));
            results.Add(("GET /tickets (client admin of that client): server render; the table's rows load on the circuit (row above)", await TimeAsync(() => GetAsync(bigClientHttp, "/tickets"))));

            var report = Report(tickets, seedSeconds, results);
            Console.WriteLine(report);
            var resultsPath = Path.Combine(FindRepositoryRoot(), "bench", "RESULTS.md");
            await File.WriteAllTextAsync(resultsPath, report + InvoicePdfBenchmark.KeptSection(resultsPath));
            Console.WriteLine($"Written to {resultsPath}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(databasePath + suffix);
            }
        }
    }

    private static async Task<List<BoardColumnPage>> BoardQueryAsync(BenchPortal portal, Actor actor, TicketFilter filter)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<TicketQueries>();
        await queries.CountByStatusAsync(actor, filter);
        var columns = new List<BoardColumnPage>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            columns.Add(await queries.GetBoardColumnAsync(actor, filter, status, null, 25));
        }

        return columns;
    }

    private static async Task<int> ListAsync(BenchPortal portal, Actor actor)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TicketQueries>().ListAsync(actor, TicketFilter.None, 0, 25)).Items.Count;
    }

    private static async Task<int> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        var marker = path == "/board" ? "data-testid=\"ticket-card\"" : "data-testid=\"ticket-table\"";
        if (!html.Contains(marker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} rendered no tickets.");
        }

        return html.Length;
    }

    private static async Task<double[]> TimeAsync<T>(Func<Task<T>> action)
    {
        for (var i = 0; i < 3; i++)
        {
            await action();
        }

        var times = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static string Report(int tickets, double seedSeconds, List<(string Name, double[] Ms)> results)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("# Benchmarks");
        text.AppendLine();
        text.AppendLine("## Board at scale (issue 3) and usage recomputed from the entries (issue 4)");
        text.AppendLine();
        text.AppendLine(inv, $"Command: `dotnet run -c Release --project bench/KtPortal.Bench` (argument: ticket count, default 100000).");
        text.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeName()}; SQLite file database, in-process server (WebApplicationFactory).");
        text.AppendLine(inv, $"Data: {tickets:N0} tickets over 15 generated clients plus the demo data (`seed --clients 15 --tickets {tickets} --seed 1`), seeded in {seedSeconds:N1} s.");
        text.AppendLine(inv, $"For the usage rows the biggest generated client gets a 40 h plan, {UsageBenchmark.HistoryEntries:N0} time entries over the year before it and {UsageBenchmark.CurrentEntries} logged through the service in the current period (spread over 800 tickets).");
        text.AppendLine(inv, $"Each row: 3 warm-up runs, then {Iterations} timed runs; milliseconds.");
        text.AppendLine();
        text.AppendLine("| what | median | p95 | max |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, ms) in results)
        {
            text.AppendLine(inv, $"| {name} | {ms[ms.Length / 2]:N1} | {ms[(int)Math.Ceiling(ms.Length * 0.95) - 1]:N1} | {ms[^1]:N1} |");
        }

        text.AppendLine();
        text.AppendLine(inv, $"Managed heap after the runs: {GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024):N0} MB; process working set: {Environment.WorkingSet / (1024 * 1024):N0} MB.");
        text.AppendLine();
        text.AppendLine("Targets: the board's first page (queries) under 100 ms and the full server render under 300 ms at 100k tickets, so a live refresh on every open board stays well inside the one-second budget.");
        text.AppendLine("The meter re-reads on every time change of its client (the one-second live promise), so it should stay under 100 ms for a busy client; plan health for all clients runs on each open board when anyone logs time.");
        return text.ToString();
    }

    private static void Should(this bool succeeded, string what)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"Could not set up {what}.");
        }
    }

    private static string RuntimeName() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    internal static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KtPortal.Blazor.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
