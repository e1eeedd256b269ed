using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets;

/// <summary>
/// Which tickets an actor may see, as a query: staff all, a ClientAdmin their client's, a ClientUser
/// the ones they raised or are copied on. Every ticket read and write starts here.
/// </summary>
internal static class TicketScope
{
    public static IQueryable<Ticket> Visible(KtPortalDbContext db, Actor actor, bool tracking = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tickets = tracking ? db.Tickets : db.Tickets.AsNoTracking();
        if (actor.IsStaff)
        {
            return tickets;
        }

        var clientId = actor.ClientId ?? -1;
        tickets = tickets.Where(t => t.ClientId == clientId);
        if (actor.IsClientAdmin)
        {
            return tickets;
        }

        var userId = actor.UserId;
        return tickets.Where(t => t.RequesterId == userId || db.TicketWatchers.Any(w => w.TicketId == t.Id && w.UserId == userId));
    }

    /// <summary>The user id to record as the author of a change; the portal itself is recorded as nobody.</summary>
    public static string? AuthorId(Actor actor) => actor == Actor.System ? null : actor.UserId;
}
