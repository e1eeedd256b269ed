using System.Diagnostics;
using System.Globalization;
using System.Text;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Search;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Bench;

/// <summary>
/// Search (issue 25) at a million tickets: the bulk seeder's tickets, one reply on each (every fifth an internal note),
/// kept in the FTS5 index by the triggers as they are written. Times the app bar's search for staff and for a client's
/// admin, with a common word, a word being typed, two words, a rare word in one reply and a ticket number, and the
/// board's first page with a search.
/// </summary>
internal static class SearchBenchmark
{
    public const string Marker = "<!-- search -->";
    private const int Iterations = 30;
    private const int Clients = 200;
    private const string RareWord = "zanzibar";

    public static async Task<int> RunAsync(string repositoryRoot, int tickets)
    {
        // KTPORTAL_BENCH_DB keeps the seeded database for the next run, as for the reports bench.
        var keptPath = Environment.GetEnvironmentVariable("KTPORTAL_BENCH_DB");
        var databasePath = keptPath ?? Path.Combine(Path.GetTempPath(), $"ktportal-bench-search-{Guid.NewGuid():N}.db");
        var reuse = keptPath is not null && File.Exists(keptPath);
        try
        {
            using var portal = new BenchPortal(databasePath);
            using var warm = portal.CreateClient();
            await warm.GetAsync(new Uri("/health", UriKind.Relative));

            var seedWatch = Stopwatch.StartNew();
            if (!reuse)
            {
                await using var scope = portal.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<BulkDataSeeder>().SeedAsync(Clients, tickets, seed: 1);
            }

            var ticketSeconds = seedWatch.Elapsed.TotalSeconds;
            seedWatch.Restart();
            var replies = reuse ? 0 : await AddRepliesAsync(portal);
            var replySeconds = seedWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"Seeded {tickets:N0} tickets in {ticketSeconds:N1} s and {replies:N0} replies in {replySeconds:N1} s");

            Actor staff, clientAdmin;
            int sampleNumber;
            long indexedTickets, indexedComments;
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
                var staffEmail = DemoData.StaffEmail.ToUpperInvariant();
                var staffId = await db.Users.Where(u => u.NormalizedEmail == staffEmail).Select(u => u.Id).SingleAsync();
                staff = new Actor(staffId, PortalRoles.Staff, null);
                var bigClient = await db.Tickets.GroupBy(t => t.ClientId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
                clientAdmin = new Actor("bench-admin", PortalRoles.ClientAdmin, bigClient);
                sampleNumber = await db.Tickets.Where(t => t.ClientId == bigClient).OrderBy(t => t.Id).Select(t => t.Number).Skip(tickets / Clients / 2).FirstAsync();
                indexedTickets = await db.Database.SqlQuery<long>($"SELECT COUNT(*) AS Value FROM TicketSearch").SingleAsync();
                indexedComments = await db.Database.SqlQuery<long>($"SELECT COUNT(*) AS Value FROM TicketCommentSearch").SingleAsync();
            }

            var checkout = MatchesAsync(portal, "checkout");
            var cases = new List<(string Name, Func<Task<double[]>> Run)>
            {
                ($"App bar search, staff, common word \"checkout\" ({await checkout:N0} tickets)", () => TimeSearchAsync(portal, staff, "checkout")),
                ("App bar search, staff, word being typed \"chec\"", () => TimeSearchAsync(portal, staff, "chec")),
                ("App bar search, staff, two words \"slow checkout\"", () => TimeSearchAsync(portal, staff, "slow checkout")),
                ($"App bar search, staff, a word in one reply \"{RareWord}\"", () => TimeSearchAsync(portal, staff, RareWord)),
                ("App bar search, staff, a ticket number", () => TimeSearchAsync(portal, staff, TicketNumber.Format(sampleNumber))),
                ("App bar search, client admin of the biggest client, \"checkout\"", () => TimeSearchAsync(portal, clientAdmin, "checkout")),
                ("App bar search, client admin, word being typed \"chec\"", () => TimeSearchAsync(portal, clientAdmin, "chec")),
                ("Board read, staff, search \"checkout\" (counts + 5 columns × 25)", () => TimeAsync(() => BoardAsync(portal, staff, "checkout"))),
                ($"Board read, staff, search \"{RareWord}\"", () => TimeAsync(() => BoardAsync(portal, staff, RareWord))),
                ("Board read, client admin, search \"checkout\"", () => TimeAsync(() => BoardAsync(portal, clientAdmin, "checkout"))),
            };

            var only = Environment.GetEnvironmentVariable("KTPORTAL_BENCH_ONLY")?.Split('|');
            var results = new List<(string Name, double[] Ms)>();
            foreach (var (name, run) in cases.Where(r => only is null || only.Any(o => r.Name.Contains(o, StringComparison.OrdinalIgnoreCase))))
            {
                results.Add((name, await run()));
                Console.WriteLine($"{name}: median {results[^1].Ms[results[^1].Ms.Length / 2]:N1} ms");
            }

            var report = Report(tickets, indexedTickets, indexedComments, reuse ? null : (ticketSeconds, replySeconds), results);
            Console.WriteLine(report);
            if (only is null)
            {
                ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, report);
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in keptPath is null ? new[] { "", "-wal", "-shm" } : [])
            {
                File.Delete(databasePath + suffix);
            }
        }
    }

    /// <summary>
    /// One reply per ticket in one statement (the triggers index each): words from the ticket's own subject, every
    /// fifth an internal note, and one reply with a word nowhere else.
    /// </summary>
    private static async Task<int> AddRepliesAsync(BenchPortal portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO TicketComments (TicketId, AuthorId, Body, IsInternal, CreatedAtUtc)
            SELECT Id, NULL,
                   CASE Id % 4 WHEN 0 THEN 'We had a look at the ' WHEN 1 THEN 'Fixed on staging first, then live: ' WHEN 2 THEN 'Could you confirm the ' ELSE 'Noted. Scheduled the ' END
                   || lower(substr(Title, 1, instr(Title, ':') - 1)) || ' work for this week.',
                   Id % 5 = 0, UpdatedAtUtc
            FROM Tickets
            """);
        var middle = await db.Tickets.OrderBy(t => t.Id).Skip(added / 2).Select(t => t.Id).FirstAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO TicketComments (TicketId, AuthorId, Body, IsInternal, CreatedAtUtc)
            VALUES ({middle}, NULL, {"The hosting company moved the server to their " + RareWord + " data centre."}, 0, {TimeProvider.System.GetUtcNow().UtcDateTime})
            """);
        return added + 1;
    }

    private static async Task<int> MatchesAsync(BenchPortal portal, string word)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        return await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM TicketSearch WHERE TicketSearch MATCH {word}").SingleAsync();
    }

    private static Task<double[]> TimeSearchAsync(BenchPortal portal, Actor actor, string text) => TimeAsync(async () =>
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<GlobalSearchService>().SearchAsync(actor, text);
        if (results.Tickets.Count == 0)
        {
            throw new InvalidOperationException($"Searching \"{text}\" found no tickets.");
        }
    });

    private static async Task BoardAsync(BenchPortal portal, Actor actor, string text)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<TicketQueries>();
        var filter = new TicketFilter { Search = text };
        var board = await queries.GetBoardAsync(actor, filter, Enum.GetValues<TicketStatus>().ToDictionary(s => s, _ => 25));
        if (board.Counts.Values.Sum() == 0)
        {
            throw new InvalidOperationException($"The board found nothing for \"{text}\".");
        }
    }

    private static async Task<double[]> TimeAsync(Func<Task> action)
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

    private static string Report(int tickets, long indexedTickets, long indexedComments, (double Tickets, double Replies)? seeding, List<(string Name, double[] Ms)> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(Marker);
        text.AppendLine("## Search at scale (issue 25)");
        text.AppendLine();
        text.AppendLine(inv, $"Command: `dotnet run -c Release --project bench/KtPortal.Bench -- search {tickets}`.");
        text.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; SQLite file database with FTS5, in-process.");
        text.AppendLine(inv, $"Data: {tickets:N0} generated tickets over {Clients} clients plus the demo (`seed --clients {Clients} --tickets {tickets} --seed 1`) and one reply each, every fifth an internal note; indexed: {indexedTickets:N0} tickets, {indexedComments:N0} replies and notes{(seeding is { } s ? string.Create(inv, $"; seeding took {s.Tickets:N0} s for the tickets and {s.Replies:N0} s for the replies, index kept by the triggers as they were written") : string.Empty)}.");
        text.AppendLine(inv, $"Each row: 3 warm-up runs, then {Iterations} timed runs, each in a fresh scope as a page would; milliseconds. Target: under 20 ms for the app bar's search.");
        text.AppendLine("The generated text has a small vocabulary (a word like \"checkout\" is on one ticket in fifteen), which is the hard case for ranking: each index ranks its newest 200 matches (TicketTextIndex.RankingWindow).");
        text.AppendLine();
        text.AppendLine("| what | median | p95 | max |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, ms) in results)
        {
            text.AppendLine(inv, $"| {name} | {ms[ms.Length / 2]:N1} | {ms[(int)Math.Ceiling(ms.Length * 0.95) - 1]:N1} | {ms[^1]:N1} |");
        }

        return text.ToString();
    }
}
