using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Data;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Seeding;

/// <summary>
/// The demo's plan and time (contracts.md): Acme on "Basic Maintenance" since the previous period, with exactly 7 h
/// used in the current one (6 h on a WordPress fix, 15 min charged as 1 h on a troubleshooting ticket) plus 2 h of
/// out-of-plan development; a previous period that went into overage; Birch without a plan, billed at its rate card.
/// </summary>
internal static class DemoTimeSeeder
{
    public static async Task SeedAsync(KtPortalDbContext db, int acmeId, int birchId, string staffId, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var current = BillingCalendar.PeriodContaining(today, 1);
        var previous = BillingCalendar.PeriodContaining(current.Start.AddDays(-1), 1);
        db.Plans.Add(new Plan
        {
            ClientId = acmeId,
            Name = "Basic Maintenance",
            IncludedMinutes = 10 * 60,
            CoveredSupportTypeIds = [SupportType.TroubleshootingId, SupportType.WordPressId],
            DevelopmentRateMinor = 120_00,
            SupportRateMinor = 95_00,
            MonthlyFeeMinor = 500_00,
            CycleDay = 1,
            StartDate = previous.Start,
            CreatedById = staffId,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        });
        await db.SaveChangesAsync(cancellationToken);

        // KT-1006 and KT-1008 (troubleshooting) in the previous period (first: periods open in order): 11.5 h covered, so 1.5 h overage.
        await AddAsync(db, acmeId, 1006, previous.Start.AddDays(3), 420, staffId, "Image optimisation and caching", now, cancellationToken);
        await AddAsync(db, acmeId, 1008, previous.Start.AddDays(9), 270, staffId, "Cleaned up after the Wordfence alert", now, cancellationToken);

        // KT-1001 (WordPress), KT-1002 (Service Request), KT-1003 (Troubleshooting): the current period.
        await AddAsync(db, acmeId, 1001, current.Start, 360, staffId, "Re-entered the SMTP key, tested every form", now, cancellationToken);
        await AddAsync(db, acmeId, 1003, current.Start, 15, staffId, "Checked the gallery after the update", now, cancellationToken);
        await AddAsync(db, acmeId, 1002, current.Start, 120, staffId, "Booking widget: first draft", now, cancellationToken);

        // Birch has no plan: everything at its rate card.
        await AddAsync(db, birchId, 1019, current.Start, 90, staffId, "PayPal IPN settings", now, cancellationToken);
        await AddAsync(db, birchId, 1020, current.Start, 180, staffId, "Category templates", now, cancellationToken);
    }

    private static async Task AddAsync(
        KtPortalDbContext db, int clientId, int number, DateOnly workDate, int minutes, string staffId, string note, DateTime now, CancellationToken cancellationToken)
    {
        _ = await BillingPeriodLedger.EnsureContainingAsync(db, clientId, workDate, now, cancellationToken)
            ?? throw new InvalidOperationException("Demo time must be added oldest first: periods open in order.");
        var ticket = await db.Tickets.SingleAsync(t => t.Number == number && t.ClientId == clientId, cancellationToken);

        // The demo's tickets are recent; one with older time must have existed when the work was done.
        var workedAt = workDate.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        if (ticket.CreatedAtUtc > workedAt)
        {
            ticket.CreatedAtUtc = workedAt;
        }

        db.TimeEntries.Add(new TimeEntry
        {
            TicketId = ticket.Id,
            StaffId = staffId,
            WorkDate = workDate,
            Minutes = minutes,
            WorkType = WorkTypes.DefaultFor(ticket.Type),
            Note = note,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
