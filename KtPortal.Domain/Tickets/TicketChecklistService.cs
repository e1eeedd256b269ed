using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets;

/// <summary>
/// A ticket's checklist: staff add, tick and remove items (recurring maintenance tickets arrive with theirs); anyone
/// who sees the ticket reads it. Each change is a line in the ticket's history and a live change of the ticket.
/// </summary>
public sealed class TicketChecklistService(IDbContextFactory<KtPortalDbContext> contextFactory, IChangeNotifier notifier, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChecklistItemView>> ListAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (
            from t in TicketScope.Visible(db, actor)
            where t.Number == number
            join i in db.TicketChecklistItems on t.Id equals i.TicketId
            join u in db.Users on i.DoneById equals u.Id into people
            from u in people.DefaultIfEmpty()
            orderby i.Position, i.Id
            select new ChecklistItemView(i.Id, i.Text, i.DoneAtUtc != null, u == null ? null : u.DisplayName, i.DoneAtUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task AddAsync(Actor actor, int number, string? text, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "change a checklist");
        new Validation().Required(nameof(TicketChecklistItem.Text), text, "The item", TicketChecklistItem.TextMaxLength).ThrowIfInvalid();
        await ChangeAsync(actor, number, async (db, ticket) =>
        {
            var position = await db.TicketChecklistItems.Where(i => i.TicketId == ticket.Id).MaxAsync(i => (int?)i.Position, cancellationToken) ?? 0;
            db.TicketChecklistItems.Add(new TicketChecklistItem { TicketId = ticket.Id, Position = position + 1, Text = text!.Trim() });
            return $"Checklist: added \"{text.Trim()}\"";
        }, cancellationToken);
    }

    public async Task SetDoneAsync(Actor actor, int number, long itemId, bool done, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "tick a checklist");
        await ChangeAsync(actor, number, async (db, ticket) =>
        {
            var item = await db.TicketChecklistItems.SingleOrDefaultAsync(i => i.Id == itemId && i.TicketId == ticket.Id, cancellationToken)
                ?? throw new NotFoundException("That checklist item");
            if ((item.DoneAtUtc is not null) == done)
            {
                return null;
            }

            item.DoneAtUtc = done ? clock.GetUtcNow().UtcDateTime : null;
            item.DoneById = done ? actor.UserId : null;
            return $"Checklist: {(done ? "ticked" : "unticked")} \"{item.Text}\"";
        }, cancellationToken);
    }

    public async Task RemoveAsync(Actor actor, int number, long itemId, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "change a checklist");
        await ChangeAsync(actor, number, async (db, ticket) =>
        {
            var item = await db.TicketChecklistItems.SingleOrDefaultAsync(i => i.Id == itemId && i.TicketId == ticket.Id, cancellationToken)
                ?? throw new NotFoundException("That checklist item");
            db.TicketChecklistItems.Remove(item);
            return $"Checklist: removed \"{item.Text}\"";
        }, cancellationToken);
    }

    /// <summary>Applies a change to the ticket's checklist with a history line; a change that changes nothing (null) writes nothing.</summary>
    private async Task ChangeAsync(Actor actor, int number, Func<KtPortalDbContext, Ticket, Task<string?>> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketScope.Visible(db, actor, tracking: true).SingleOrDefaultAsync(t => t.Number == number, cancellationToken)
            ?? throw new NotFoundException("The ticket");
        if (await change(db, ticket) is not { } detail)
        {
            return;
        }

        db.TicketActivities.Add(new TicketActivity
        {
            TicketId = ticket.Id, ActorId = TicketScope.AuthorId(actor), Kind = TicketActivityKind.Edited, Detail = detail, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, TicketNumber.Format(number), ticket.ClientId));
    }
}
