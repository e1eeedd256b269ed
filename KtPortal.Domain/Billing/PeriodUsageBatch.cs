using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing;

/// <summary>
/// The usage totals of many periods at once, for reports and history. The database sums each period's time per support
/// type from the stored per-entry charges (rule 1, kept by the transaction that changes time) through a covering index;
/// coverage and rule 3 are then applied here by <see cref="UsageCalculator.Totals"/>. Invoices and the meter still run the
/// engine entry by entry (<see cref="PeriodUsageReader"/>); a test holds the two together.
/// </summary>
internal static class PeriodUsageBatch
{
    /// <param name="periods">The periods to total, keyed by reference: one not opened yet (no id) is summed on its own.</param>
    /// <param name="stored">A query for the stored periods among them, so the database can join them to the time.</param>
    public static async Task<IReadOnlyDictionary<BillingPeriod, PeriodTotals>> ReadAsync(
        KtPortalDbContext db, IReadOnlyCollection<BillingPeriod> periods, IQueryable<BillingPeriod> stored, CancellationToken cancellationToken)
    {
        var result = new Dictionary<BillingPeriod, PeriodTotals>(ReferenceEqualityComparer.Instance);
        if (periods.Count == 0)
        {
            return result;
        }

        var sums = (await (
                from p in stored
                join e in db.TimeEntries on p.ClientId equals e.ClientId
                where e.WorkDate >= p.StartDate && e.WorkDate < p.EndDate
                group e by new { PeriodId = p.Id, e.SupportTypeId } into g
                select new TypeSum(g.Key.PeriodId, g.Key.SupportTypeId, g.Sum(e => e.Billable ? e.Minutes : 0), g.Sum(e => e.ChargedMinutes)))
            .ToListAsync(cancellationToken)).ToLookup(s => s.PeriodId);
        foreach (var period in periods)
        {
            var mine = period.Id != 0 ? [.. sums[period.Id]] : await UnopenedAsync(db, period, cancellationToken);
            result[period] = UsageCalculator.Totals(period.IncludedMinutes,
                mine.Sum(s => s.LoggedMinutes),
                mine.Where(s => period.Covers(s.SupportTypeId)).Sum(s => s.ChargedMinutes),
                mine.Where(s => !period.Covers(s.SupportTypeId)).Sum(s => s.ChargedMinutes),
                period.ApprovedOverageMinutes);
        }

        return result;
    }

    private static Task<List<TypeSum>> UnopenedAsync(KtPortalDbContext db, BillingPeriod period, CancellationToken cancellationToken) =>
        db.TimeEntries
            .Where(e => e.ClientId == period.ClientId && e.WorkDate >= period.StartDate && e.WorkDate < period.EndDate)
            .GroupBy(e => e.SupportTypeId)
            .Select(g => new TypeSum(0, g.Key, g.Sum(e => e.Billable ? e.Minutes : 0), g.Sum(e => e.ChargedMinutes)))
            .ToListAsync(cancellationToken);

    private sealed record TypeSum(int PeriodId, int SupportTypeId, int LoggedMinutes, int ChargedMinutes);
}
