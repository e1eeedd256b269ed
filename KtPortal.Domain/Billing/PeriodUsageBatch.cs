using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing;

/// <summary>
/// The usage of many periods at once, for reports and history: the same two steps as <see cref="PeriodUsageReader"/>
/// (rule 1 over each ticket's whole life, then rule 3 per period), with two queries in all instead of two per period.
/// Keyed by the period itself: periods not opened yet have no id.
/// </summary>
internal static class PeriodUsageBatch
{
    public static async Task<IReadOnlyDictionary<BillingPeriod, PeriodUsage>> ReadAsync(
        KtPortalDbContext db, IReadOnlyCollection<BillingPeriod> periods, CancellationToken cancellationToken)
    {
        if (periods.Count == 0)
        {
            return new Dictionary<BillingPeriod, PeriodUsage>();
        }

        var clientIds = periods.Select(p => p.ClientId).Distinct().ToList();
        var (first, last) = (periods.Min(p => p.StartDate), periods.Max(p => p.EndDate));
        var rangeQuery =
            from e in db.TimeEntries.AsNoTracking()
            join t in db.Tickets.AsNoTracking() on e.TicketId equals t.Id
            where clientIds.Contains(t.ClientId) && e.WorkDate >= first && e.WorkDate < last
            select new { e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable, e.WorkType, t.ClientId, t.SupportTypeId };
        var inRange = await rangeQuery.ToListAsync(cancellationToken);

        // Rule 1 needs what each ticket logged before: one summed entry per ticket, as PeriodUsageReader does. The
        // tickets are a subquery: as a list they would be one SQL parameter each.
        var ticketIds = rangeQuery.Select(e => e.TicketId);
        var before = await db.TimeEntries.AsNoTracking()
            .Where(e => ticketIds.Contains(e.TicketId) && e.Billable && e.WorkDate < first)
            .GroupBy(e => e.TicketId)
            .Select(g => new { TicketId = g.Key, Minutes = g.Sum(e => e.Minutes) })
            .ToListAsync(cancellationToken);
        var earlier = before.Select(b => new BillableEntry(
            -b.TicketId, b.TicketId, first.AddDays(-1), DateTime.MinValue, b.Minutes, true, TimeTracking.WorkType.Support, false));
        var lifetime = inRange.Select(e => new BillableEntry(e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable, e.WorkType, false));
        var charges = UsageCalculator.ChargedMinutes(lifetime.Concat(earlier));

        var byClient = inRange.ToLookup(e => e.ClientId);
        var result = new Dictionary<BillingPeriod, PeriodUsage>(ReferenceEqualityComparer.Instance);
        foreach (var period in periods)
        {
            var entries = byClient[period.ClientId]
                .Where(e => e.WorkDate >= period.StartDate && e.WorkDate < period.EndDate)
                .Select(e => new BillableEntry(e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable, e.WorkType, period.Covers(e.SupportTypeId)));
            result[period] = UsageCalculator.Calculate(period.IncludedMinutes, entries, charges);
        }

        return result;
    }
}
