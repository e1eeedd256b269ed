using KtPortal.Domain.Data;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing;

/// <summary>One ticket's line in a period: what the meter and the explainer list.</summary>
public sealed record TicketUsage(
    int TicketId,
    int Number,
    string Title,
    int SupportTypeId,
    bool Covered,
    int LoggedMinutes,
    int ChargedMinutes,
    int FromPlanMinutes,
    int OverageMinutes,
    int OutOfPlanMinutes,
    long AmountMinor,
    int HeldMinutes = 0)
{
    /// <summary>True when the one-hour minimum added time in this period (charged exceeds logged).</summary>
    public bool MinimumApplied => ChargedMinutes > LoggedMinutes;
}

/// <summary>A period's usage with the tickets behind it and the amount billable beyond the plan.</summary>
public sealed record PeriodUsageDetail(BillingPeriod Period, PeriodUsage Usage, IReadOnlyList<TicketUsage> Tickets)
{
    /// <summary>Approved overage and out-of-plan at the period's rate for each entry's work type, rounded per ticket and work type (rule 5).</summary>
    public long BillableAmountMinor => Tickets.Sum(t => t.AmountMinor);
}

/// <summary>Reads a period's entries and runs the billing engine over them; the usage is never stored, always recomputed.</summary>
internal static class PeriodUsageReader
{
    public static async Task<PeriodUsageDetail> ReadAsync(KtPortalDbContext db, BillingPeriod period, CancellationToken cancellationToken)
    {
        var rows = await (
            from e in db.TimeEntries
            join t in db.Tickets on e.TicketId equals t.Id
            where t.ClientId == period.ClientId && e.WorkDate >= period.StartDate && e.WorkDate < period.EndDate
            select new { e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable, e.WorkType, t.Number, t.Title, t.SupportTypeId })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var ticketIds = rows.Select(r => r.TicketId).Distinct().ToList();

        // Rule 1 runs over a ticket's whole life: billable time before this period may already have met the minimum.
        var before = await db.TimeEntries
            .Where(e => ticketIds.Contains(e.TicketId) && e.Billable && e.WorkDate < period.StartDate)
            .GroupBy(e => e.TicketId)
            .Select(g => new { TicketId = g.Key, Minutes = g.Sum(e => e.Minutes) })
            .ToListAsync(cancellationToken);

        var entries = rows
            .Select(r => new BillableEntry(r.Id, r.TicketId, r.WorkDate, r.CreatedAtUtc, r.Minutes, r.Billable, r.WorkType, period.Covers(r.SupportTypeId)))
            .ToList();
        var earlier = before.Select(b => new BillableEntry(
            -b.TicketId, b.TicketId, period.StartDate.AddDays(-1), DateTime.MinValue, b.Minutes, true, WorkType.Support, false));
        var charges = UsageCalculator.ChargedMinutes(entries.Concat(earlier));
        var usage = UsageCalculator.Calculate(period.IncludedMinutes, entries, charges, period.ApprovedOverageMinutes);

        var byId = usage.Entries.ToDictionary(e => e.EntryId);
        var tickets = rows
            .GroupBy(r => r.TicketId)
            .Select(g =>
            {
                var first = g.First();
                var charged = g.Select(r => byId[r.Id]).ToList();
                return new TicketUsage(
                    g.Key,
                    first.Number,
                    first.Title,
                    first.SupportTypeId,
                    period.Covers(first.SupportTypeId),
                    charged.Sum(c => c.LoggedMinutes),
                    charged.Sum(c => c.ChargedMinutes),
                    charged.Sum(c => c.FromPlanMinutes),
                    charged.Sum(c => c.OverageMinutes),
                    charged.Sum(c => c.OutOfPlanMinutes),
                    AmountOf(period, charged),
                    charged.Sum(c => c.HeldMinutes));
            })
            .OrderBy(t => t.Number)
            .ToList();
        return new PeriodUsageDetail(period, usage, tickets);
    }

    /// <summary>Rule 5: one line per ticket and work type, rounded once per line; held overage (reading 24) is not billed.</summary>
    private static long AmountOf(BillingPeriod period, IEnumerable<EntryCharge> charges) =>
        charges.GroupBy(c => c.WorkType)
            .Sum(g => BillingMath.Amount(g.Sum(c => c.BilledMinutes), period.RateFor(g.Key)));
}
