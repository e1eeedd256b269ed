using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets;

/// <summary>Reads tickets. The actor's scope is part of every query.</summary>
public sealed class TicketQueries(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The ticket with this number, or null when it does not exist or the actor may not see it:
    /// staff see all, a ClientAdmin their client's, a ClientUser the ones they raised.
    /// </summary>
    public async Task<TicketDetails?> GetByNumberAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (
            from t in Scoped(db, actor)
            where t.Number == number
            join c in db.Clients on t.ClientId equals c.Id
            join u in db.Users on t.RequesterId equals u.Id into requesters
            from r in requesters.DefaultIfEmpty()
            select new TicketDetails(
                t.Number, t.ClientId, c.Name, t.Type, t.Status, t.Title, t.Description,
                r == null ? null : r.DisplayName, t.CreatedAtUtc, t.UpdatedAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>One page of the actor's tickets, most recently updated first.</summary>
    public async Task<PagedResult<TicketListItem>> ListAsync(
        Actor actor, int page, int pageSize, bool openOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        page = Math.Max(0, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tickets = Scoped(db, actor);
        if (openOnly)
        {
            tickets = tickets.Where(t => t.Status != TicketStatus.Closed && t.Status != TicketStatus.Resolved);
        }

        var total = await tickets.CountAsync(cancellationToken);
        var items = await (
            from t in tickets
            join c in db.Clients on t.ClientId equals c.Id
            orderby t.UpdatedAtUtc descending, t.Number descending
            select new TicketListItem(t.Number, c.Name, t.Type, t.Status, t.Title, t.UpdatedAtUtc))
            .Skip(page * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<TicketListItem>(items, total);
    }

    private static IQueryable<Ticket> Scoped(KtPortalDbContext db, Actor actor)
    {
        var tickets = db.Tickets.AsNoTracking();
        if (actor.IsStaff)
        {
            return tickets;
        }

        tickets = tickets.Where(t => t.ClientId == actor.ClientId);
        return actor.IsClientAdmin ? tickets : tickets.Where(t => t.RequesterId == actor.UserId);
    }
}
