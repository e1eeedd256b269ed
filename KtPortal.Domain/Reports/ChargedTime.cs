using KtPortal.Domain.Billing;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// What each entry of some tickets is charged, by rule 1 over each ticket's whole life, as the invoices bill it. The
/// tickets come as a query (the entries a report reads), so the database joins them: a list of ids would be one SQL
/// parameter per ticket, which at a year of a busy agency's time took most of a second to bind.
/// </summary>
internal static class ChargedTime
{
    public static async Task<IReadOnlyDictionary<long, int>> ForTicketsAsync(KtPortalDbContext db, IQueryable<int> ticketIds, CancellationToken cancellationToken)
    {
        var lifetime = await db.TimeEntries.AsNoTracking().Where(e => ticketIds.Contains(e.TicketId))
            .Select(e => new BillableEntry(e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable, e.WorkType, false))
            .ToListAsync(cancellationToken);
        return UsageCalculator.ChargedMinutes(lifetime);
    }
}
