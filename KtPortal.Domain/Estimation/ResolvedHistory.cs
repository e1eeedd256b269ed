using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Estimation;

/// <summary>
/// Reads what the estimators learn from: resolved and closed tickets with billable time, each with its charged
/// minutes (rule 1: at least the one-hour minimum once any billable time is logged). Tickets without billable time
/// taught nothing about hours and are left out.
/// </summary>
internal static class ResolvedHistory
{
    public static async Task<IReadOnlyList<ResolvedTicket>> LoadAsync(KtPortalDbContext db, int? excludeTicketId, CancellationToken cancellationToken)
    {
        var rows = await (
            from t in db.Tickets.AsNoTracking()
            where (t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed) && t.Id != excludeTicketId
            let logged = db.TimeEntries.Where(e => e.TicketId == t.Id && e.Billable).Sum(e => (int?)e.Minutes) ?? 0
            where logged > 0
            select new
            {
                t.Number,
                t.ClientId,
                t.Type,
                t.SupportTypeId,
                t.Title,
                Description = t.Description.Length > TextTokenizer.MaxCharacters ? t.Description.Substring(0, TextTokenizer.MaxCharacters) : t.Description,
                Logged = logged,
                Resolved = t.ResolvedAtUtc ?? t.UpdatedAtUtc,
            }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ResolvedTicket(r.Number, r.ClientId, r.Type, r.SupportTypeId, r.Title, r.Description,
            Charged(r.Logged), r.Resolved))];
    }

    /// <summary>Rule 1: a ticket with billable time is charged at least the one-hour minimum.</summary>
    public static int Charged(int loggedBillableMinutes) => Math.Max(Billing.UsageCalculator.MinimumChargeMinutes, loggedBillableMinutes);
}
