using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// Works out the service level of every open ticket again: after the policies, the business hours or the time zone
/// change, and after a bulk load. Closed history keeps what it met under the rules of its day.
/// </summary>
public static class SlaRebuild
{
    private const int BatchSize = 1000;

    public static async Task RecomputeOpenAsync(KtPortalDbContext db, PortalSettings portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rules = await SlaRules.LoadAsync(db, portal, null, cancellationToken);
        var afterId = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            var tickets = await db.Tickets
                .Where(t => t.Id > afterId && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed)
                .OrderBy(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (tickets.Count == 0)
            {
                return;
            }

            afterId = tickets[^1].Id;
            var first = tickets[0].Id;
            var pauses = (await db.TicketSlaPauses.AsNoTracking().Where(p => p.TicketId >= first && p.TicketId <= afterId).ToListAsync(cancellationToken))
                .ToLookup(p => p.TicketId, p => new SlaPause(p.FromUtc, p.ToUtc));
            foreach (var ticket in tickets)
            {
                TicketSlaWriter.Apply(ticket, rules, [.. pauses[ticket.Id]]);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
