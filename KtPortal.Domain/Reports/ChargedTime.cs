using KtPortal.Domain.Billing;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>What each entry of some tickets is charged, by rule 1 over each ticket's whole life, as the invoices bill it.</summary>
internal static class ChargedTime
{
    public static async Task<IReadOnlyDictionary<long, int>> ForTicketsAsync(KtPortalDbContext db, IEnumerable<int> ticketIds, CancellationToken cancellationToken)
    {
        var ids = ticketIds.Distinct().ToList();
        var lifetime = await db.TimeEntries.AsNoTracking().Where(e => ids.Contains(e.TicketId))
            .Select(e => new BillableEntry(e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable, e.WorkType, false))
            .ToListAsync(cancellationToken);
        return UsageCalculator.ChargedMinutes(lifetime);
    }
}
