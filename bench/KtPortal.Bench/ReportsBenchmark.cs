using System.Diagnostics;
using System.Globalization;
using System.Text;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Reports;
using KtPortal.Domain.Reports.Monthly;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.TimeTracking;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Bench;

/// <summary>
/// The reports (issue 24) at a year of a big agency: tickets from the bulk seeder, time entries over the last year,
/// and for every client twelve monthly periods (half on a plan) with their plan-fee and usage invoices and payments,
/// written directly as the billing run would have left them. Times each report for this year and its CSV-sized reads.
/// </summary>
internal static class ReportsBenchmark
{
    public const string Marker = "<!-- reports -->";
    private const int Iterations = 20;
    private const int Clients = 200;

    public static async Task<int> RunAsync(string repositoryRoot, int tickets, int entries)
    {
        // KTPORTAL_BENCH_DB keeps the seeded database for the next run (seeding a million tickets takes ten minutes); a
        // kept file is migrated on start like any other, so new columns and their backfills run over the big data too.
        var keptPath = Environment.GetEnvironmentVariable("KTPORTAL_BENCH_DB");
        var databasePath = keptPath ?? Path.Combine(Path.GetTempPath(), $"ktportal-bench-reports-{Guid.NewGuid():N}.db");
        var reuse = keptPath is not null && File.Exists(keptPath);
        try
        {
            var migrateWatch = Stopwatch.StartNew();
            using var portal = new BenchPortal(databasePath);
            using var warm = portal.CreateClient();
            await warm.GetAsync(new Uri("/health", UriKind.Relative));
            if (reuse)
            {
                Console.WriteLine($"Reusing {databasePath}; started and migrated in {migrateWatch.Elapsed.TotalSeconds:N1} s");
            }

            var seedWatch = Stopwatch.StartNew();
            if (!reuse)
            {
                await using var scope = portal.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<BulkDataSeeder>().SeedAsync(Clients, tickets, seed: 1);
            }

            var ticketSeconds = seedWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"Seeded {tickets:N0} tickets in {ticketSeconds:N1} s");
            seedWatch.Restart();
            var (staff, today) = reuse ? await StaffAndTodayAsync(portal) : await ArrangeAsync(portal, entries);
            var arrangeSeconds = seedWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"Added {entries:N0} time entries, periods and invoices in {arrangeSeconds:N1} s");

            var (yearFrom, yearTo) = (today.AddDays(-364), today);
            int bigClient, bigAdminClient;
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
                bigClient = await db.Tickets.GroupBy(t => t.ClientId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
                bigAdminClient = bigClient;
            }

            var clientAdmin = new Actor("bench-admin", PortalRoles.ClientAdmin, bigAdminClient);
            var reports = new List<(string Name, Func<Task<double[]>> Run)>
            {
                ($"Revenue, last 12 months, all clients", () => TimeAsync(portal, s => s.GetRequiredService<ReportQueries>().RevenueAsync(staff, yearFrom, yearTo))),
                ("Receivables today, all clients (one statement each)", () => TimeAsync(portal, s => s.GetRequiredService<ReportQueries>().ReceivablesAsync(staff, today))),
                ("Unbilled and pending now, all clients", () => TimeAsync(portal, s => s.GetRequiredService<ReportQueries>().UnbilledAsync(staff))),
                ("Plans, last 12 months, all clients (usage of every period recomputed)", () => TimeAsync(portal, s => s.GetRequiredService<PlanReportQueries>().PlansAsync(staff, yearFrom, yearTo))),
                ("Utilization, last 12 months by week", () => TimeAsync(portal, s => s.GetRequiredService<UtilizationQueries>().GetAsync(staff, yearFrom, yearTo, UtilizationGrain.Week))),
                ("Tickets, last 12 months, all clients", () => TimeAsync(portal, s => s.GetRequiredService<TicketReportQueries>().GetAsync(staff, yearFrom, yearTo))),
                ("Tickets, last 12 months, the biggest client", () => TimeAsync(portal, s => s.GetRequiredService<TicketReportQueries>().GetAsync(staff, yearFrom, yearTo, bigClient))),
                ("Time entries, this month (the page and the CSV)", () => TimeAsync(portal, s => s.GetRequiredService<ReportQueries>().TimeEntriesAsync(staff, ReportRanges.ThisMonth(today).From, ReportRanges.ThisMonth(today).To))),
                ("Time entries, last 12 months, the biggest client", () => TimeAsync(portal, s => s.GetRequiredService<ReportQueries>().TimeEntriesAsync(staff, yearFrom, yearTo, bigClient))),
                ("Usage history (dashboard), the biggest client's admin", () => TimeAsync(portal, s => s.GetRequiredService<UsageHistoryQueries>().GetAsync(clientAdmin, bigClient))),
                ("Monthly client report, last closed period of the biggest client", () => TimeAsync(portal, s => s.GetRequiredService<ClientMonthlyReportQueries>().GetAsync(staff, bigClient, new DateOnly(today.Year, today.Month, 1).AddMonths(-1)))),
                ("My week, a staff member", () => TimeAsync(portal, s => s.GetRequiredService<MyWeekQueries>().GetAsync(staff, today))),
            };

            // KTPORTAL_BENCH_ONLY runs the reports whose name contains one of its |-separated words (a quick look while working).
            var only = Environment.GetEnvironmentVariable("KTPORTAL_BENCH_ONLY")?.Split('|');
            var results = new List<(string Name, double[] Ms)>();
            foreach (var (name, run) in reports.Where(r => only is null || only.Any(o => r.Name.Contains(o, StringComparison.OrdinalIgnoreCase))))
            {
                results.Add((name, await run()));
                Console.WriteLine($"{name}: median {results[^1].Ms[results[^1].Ms.Length / 2]:N1} ms");
            }

            var report = Report(tickets, entries, ticketSeconds, arrangeSeconds, results);
            Console.WriteLine(report);
            if (only is not null)
            {
                return 0;
            }

            ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, report);
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

    private static async Task<(Actor Staff, DateOnly Today)> StaffAndTodayAsync(BenchPortal portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var staffUser = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(DemoData.StaffEmail))!;
        return (new Actor(staffUser.Id, PortalRoles.Staff, null), scope.ServiceProvider.GetRequiredService<PortalSettings>().Today(TimeProvider.System));
    }

    /// <summary>Time entries over the last year by the generated staff, and twelve months of periods, invoices and payments per client.</summary>
    private static async Task<(Actor Staff, DateOnly Today)> ArrangeAsync(BenchPortal portal, int entries)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var settings = services.GetRequiredService<PortalSettings>();
        var today = settings.Today(TimeProvider.System);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var staffUser = (await users.FindByEmailAsync(DemoData.StaffEmail))!;
        var staff = new Actor(staffUser.Id, PortalRoles.Staff, null);
        var random = new Random(11);
        var factory = services.GetRequiredService<IDbContextFactory<KtPortalDbContext>>();

        int[] ticketIds;
        string[] staffIds;
        int[] clientIds;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var since = now.AddDays(-365);
            ticketIds = await db.Tickets.Where(t => t.CreatedAtUtc >= since).Select(t => t.Id).ToArrayAsync();
            staffIds = await db.Users.Where(u => u.ClientId == null).Select(u => u.Id).ToArrayAsync();
            // The demo's own clients keep the periods and invoices the demo gave them.
            clientIds = await db.Clients.Where(c => !db.BillingPeriods.Any(p => p.ClientId == c.Id)).Select(c => c.Id).ToArrayAsync();
        }

        for (var done = 0; done < entries; done += 10_000)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < Math.Min(10_000, entries - done); i++)
            {
                db.TimeEntries.Add(new TimeEntry
                {
                    TicketId = ticketIds[random.Next(ticketIds.Length)],
                    StaffId = i % 5 == 0 ? staff.UserId : staffIds[random.Next(staffIds.Length)],
                    WorkDate = today.AddDays(-random.Next(365)),
                    Minutes = 15 * (1 + random.Next(12)),
                    WorkType = random.Next(3) == 0 ? WorkType.Development : WorkType.Support,
                    Note = "bench",
                    Billable = random.Next(10) != 0,
                    CreatedAtUtc = now,
                    UpdatedAtUtc = now,
                });
            }

            await db.SaveChangesAsync();
        }

        var current = new DateOnly(today.Year, today.Month, 1);
        var sequence = 0;
        foreach (var chunk in clientIds.Chunk(20))
        {
            await using var db = await factory.CreateDbContextAsync();
            var periods = new List<BillingPeriod>();
            foreach (var clientId in chunk)
            {
                Plan? plan = null;
                if (clientId % 2 == 0)
                {
                    plan = new Plan
                    {
                        ClientId = clientId, Name = "Bench Maintenance", IncludedMinutes = 600 * (1 + (clientId % 4)),
                        CoveredSupportTypeIds = [SupportType.TroubleshootingId, SupportType.WordPressId], DevelopmentRateMinor = 120_00, SupportRateMinor = 95_00,
                        MonthlyFeeMinor = 900_00, CycleDay = 1, StartDate = current.AddMonths(-11), CreatedById = staff.UserId, CreatedAtUtc = now, UpdatedAtUtc = now,
                    };
                    db.Plans.Add(plan);
                    await db.SaveChangesAsync();
                }

                for (var month = 11; month >= 0; month--)
                {
                    var start = current.AddMonths(-month);
                    periods.Add(new BillingPeriod
                    {
                        ClientId = clientId, PlanId = plan?.Id, PlanName = plan?.Name ?? string.Empty, StartDate = start, EndDate = start.AddMonths(1),
                        IncludedMinutes = plan?.IncludedMinutes ?? 0, CoveredSupportTypeIds = plan?.CoveredSupportTypeIds ?? [],
                        DevelopmentRateMinor = 120_00, SupportRateMinor = 95_00, MonthlyFeeMinor = plan?.MonthlyFeeMinor ?? 0,
                        ClosedAtUtc = month == 0 ? null : now, CreatedAtUtc = now,
                    });
                }
            }

            db.BillingPeriods.AddRange(periods);
            await db.SaveChangesAsync();
            var invoices = new List<Invoice>();
            foreach (var period in periods)
            {
                if (period.HasPlan)
                {
                    invoices.Add(Invoice(period, InvoiceKind.PlanFee, period.MonthlyFeeMinor, period.StartDate, ++sequence, random, now));
                }

                if (period.ClosedAtUtc is not null && random.Next(3) > 0)
                {
                    invoices.Add(Invoice(period, InvoiceKind.Usage, 95_00 * (1 + random.Next(20)), period.EndDate, ++sequence, random, now));
                }
            }

            db.Invoices.AddRange(invoices);
            await db.SaveChangesAsync();
            db.Payments.AddRange(invoices.Where(i => i.Status == InvoiceStatus.Paid).Select(i => new Payment
            {
                InvoiceId = i.Id, ClientId = i.ClientId, AmountMinor = i.TotalMinor, ReceivedOn = i.IssueDate!.Value.AddDays(random.Next(14)),
                Method = PaymentMethod.BankTransfer, Reference = "bench", RecordedAtUtc = now,
            }));
            await db.SaveChangesAsync();
        }

        return (staff, today);
    }

    /// <summary>An issued invoice of the period, as the billing run leaves it; three in four paid in full.</summary>
    private static Invoice Invoice(BillingPeriod period, InvoiceKind kind, long subtotal, DateOnly issued, int sequence, Random random, DateTime now)
    {
        var paid = random.Next(4) > 0;
        return new Invoice
        {
            ClientId = period.ClientId, BillingPeriodId = period.Id, Kind = kind, Status = paid ? InvoiceStatus.Paid : InvoiceStatus.Issued,
            Number = $"BENCH-{sequence:D6}", NumberYear = 1900, NumberSequence = sequence, IssueDate = issued, DueDate = issued.AddDays(14),
            ClientName = "Bench client", Title = kind.ToString(), SubtotalMinor = subtotal, TotalMinor = subtotal, PaidMinor = paid ? subtotal : 0,
            PaidAtUtc = paid ? now : null, CreatedAtUtc = now, UpdatedAtUtc = now, IssuedAtUtc = now,
        };
    }

    private static async Task<double[]> TimeAsync<T>(BenchPortal portal, Func<IServiceProvider, Task<T>> action)
    {
        async Task Once()
        {
            await using var scope = portal.Services.CreateAsyncScope();
            await action(scope.ServiceProvider);
        }

        for (var i = 0; i < 2; i++)
        {
            await Once();
        }

        var times = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await Once();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static string Report(int tickets, int entries, double ticketSeconds, double arrangeSeconds, List<(string Name, double[] Ms)> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(Marker);
        text.AppendLine("## Reports at scale (issue 24)");
        text.AppendLine();
        text.AppendLine(inv, $"Command: `dotnet run -c Release --project bench/KtPortal.Bench -- reports {tickets} {entries}`.");
        text.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; SQLite file database, in-process.");
        text.AppendLine(inv, $"Data: {tickets:N0} tickets over {Clients} generated clients (`seed --clients {Clients} --tickets {tickets} --seed 1`, {ticketSeconds:N0} s), {entries:N0} time entries over the last year, and per client twelve monthly periods (half on a plan) with plan-fee and usage invoices, three in four paid ({arrangeSeconds:N0} s).");
        text.AppendLine(inv, $"Each row: 2 warm-up runs, then {Iterations} timed runs, each in a fresh scope as a page would; milliseconds. Target: under 300 ms for a year's range.");
        text.AppendLine();
        text.AppendLine("| report | median | p95 | max |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, ms) in results)
        {
            text.AppendLine(inv, $"| {name} | {ms[ms.Length / 2]:N1} | {ms[(int)Math.Ceiling(ms.Length * 0.95) - 1]:N1} | {ms[^1]:N1} |");
        }

        return text.ToString();
    }
}
