using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Bench;

/// <summary>
/// Gives the big generated client a plan and a busy agency's time (a year of history plus a full current period),
/// then times what recomputes usage from the entries: the hours meter, a ticket's explainer and the board's plan
/// health for every client on it.
/// </summary>
internal static class UsageBenchmark
{
    public const int HistoryEntries = 6_000;
    public const int CurrentEntries = 600;

    public static async Task ArrangeAsync(BenchPortal portal, Actor staff, int clientId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var settings = services.GetRequiredService<PortalSettings>();
        var today = settings.Today(TimeProvider.System);
        var periodStart = BillingCalendar.PeriodContaining(today, 1).Start;
        await services.GetRequiredService<PlanService>().CreateAsync(staff, clientId, new PlanInput(
            "Bench Maintenance", 40 * 60, [SupportType.TroubleshootingId, SupportType.WordPressId], 120_00, 95_00, 1_800_00, 1, periodStart));

        await using var db = await services.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        var tickets = await db.Tickets.Where(t => t.ClientId == clientId).OrderBy(t => t.Number).Select(t => new { t.Id, t.Number }).Take(800).ToListAsync();
        var random = new Random(7);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        // History before the plan: entries a closed period would hold; written directly, as the service refuses closed periods.
        for (var i = 0; i < HistoryEntries; i++)
        {
            db.TimeEntries.Add(Entry(tickets[random.Next(tickets.Count)].Id, staff.UserId, periodStart.AddDays(-1 - random.Next(365)), random, now));
        }

        await db.SaveChangesAsync();

        // The current period through the service, as staff would log it (thresholds, periods and all).
        var timeEntries = services.GetRequiredService<TimeEntryService>();
        for (var i = 0; i < CurrentEntries; i++)
        {
            var number = tickets[random.Next(tickets.Count)].Number;
            var date = periodStart.AddDays(random.Next(today.DayNumber - periodStart.DayNumber + 1));
            await timeEntries.LogAsync(staff, number, new TimeEntryInput(date, $"{15 * (1 + random.Next(12))}m"));
        }
    }

    private static TimeEntry Entry(int ticketId, string staffId, DateOnly date, Random random, DateTime now) => new()
    {
        TicketId = ticketId,
        StaffId = staffId,
        WorkDate = date,
        Minutes = 15 * (1 + random.Next(12)),
        WorkType = random.Next(3) == 0 ? WorkType.Development : WorkType.Support,
        Note = "bench",
        Billable = random.Next(10) != 0,
        CreatedAtUtc = now,
        UpdatedAtUtc = now,
    };

    public static async Task<int> MeterAsync(BenchPortal portal, Actor actor, int clientId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var meter = await scope.ServiceProvider.GetRequiredService<UsageQueries>().GetMeterAsync(actor, clientId)
            ?? throw new InvalidOperationException("No meter.");
        return meter.Tickets.Count;
    }

    public static async Task<int> TicketBillingAsync(BenchPortal portal, Actor actor, int number)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var billing = await scope.ServiceProvider.GetRequiredService<UsageQueries>().GetTicketBillingAsync(actor, number)
            ?? throw new InvalidOperationException("No billing.");
        return billing.Periods.Count > 0 ? billing.Periods.Count : throw new InvalidOperationException("The explainer read no period.");
    }

    public static async Task<int> PlanHealthAsync(BenchPortal portal, Actor actor)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        var clients = await db.Clients.Select(c => c.Id).ToListAsync();
        return (await services.GetRequiredService<UsageQueries>().GetPlanHealthAsync(actor, clients)).Count;
    }

    /// <summary>The ticket with the most entries in the current period (and so a long history too).</summary>
    public static async Task<int> BusiestTicketAsync(BenchPortal portal, int clientId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var today = scope.ServiceProvider.GetRequiredService<PortalSettings>().Today(TimeProvider.System);
        var periodStart = BillingCalendar.PeriodContaining(today, 1).Start;
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        return await (
            from e in db.TimeEntries
            join t in db.Tickets on e.TicketId equals t.Id
            where t.ClientId == clientId && e.WorkDate >= periodStart
            group e by t.Number into g
            orderby g.Count() descending
            select g.Key).FirstAsync();
    }
}
