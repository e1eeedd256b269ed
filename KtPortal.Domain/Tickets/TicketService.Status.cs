using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Notifications;

namespace KtPortal.Domain.Tickets;

/// <summary>Status: moves along the workflow, one or many at once, and taking a move back.</summary>
public sealed partial class TicketService
{
    /// <summary>
    /// Moves a ticket along the workflow (<see cref="TicketRules.AllowedTransitions"/>). With a stamp, the move
    /// fails when someone changed the ticket since it was read; the board passes the stamp of the card it shows.
    /// The client's e-mail about it is held for <see cref="TicketRules.UndoWindow"/>, so the move can be undone unseen.
    /// </summary>
    public async Task<StatusMove> ChangeStatusAsync(
        Actor actor, int number, TicketStatus status, Guid? concurrencyStamp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindAsync(db, actor, number, cancellationToken);
        var now = Now;
        var before = Before(ticket);
        ApplyStatus(db, actor, ticket, status, now);
        var notices = await _notifications.StatusChangedAsync(db, actor, ticket, now, cancellationToken);
        var stamp = await SaveGuardedAsync(db, ticket, concurrencyStamp ?? ticket.ConcurrencyStamp, cancellationToken);
        await notifier.PublishAllAsync(notices);
        return before.Moved(ticket, now, stamp, actor);
    }

    /// <summary>Moves several tickets at once; tickets whose workflow does not allow the move are reported, not changed.</summary>
    public async Task<BulkMoveResult> BulkChangeStatusAsync(Actor actor, IReadOnlyCollection<int> numbers, TicketStatus status, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "change tickets in bulk");
        var notices = new List<PortalChange>();
        var now = Now;
        var moved = new List<(Ticket Ticket, Snapshot Before)>();
        var result = await BulkAsync(actor, numbers, async (db, ticket) =>
        {
            var before = Before(ticket);
            ApplyStatus(db, actor, ticket, status, now);
            moved.Add((ticket, before));
            notices.AddRange(await _notifications.StatusChangedAsync(db, actor, ticket, now, cancellationToken));
        }, cancellationToken);
        await notifier.PublishAllAsync(notices);

        // The bulk save stamped each changed ticket; those stamps are what an undo checks.
        var moves = moved.Where(m => result.Changed.Contains(m.Ticket.Number))
            .Select(m => m.Before.Moved(m.Ticket, now, m.Ticket.ConcurrencyStamp, actor))
            .OrderBy(m => m.Number).ToList();
        return new BulkMoveResult(moves, result.Skipped);
    }

    /// <summary>
    /// Takes a move back: the ticket returns to the status (and resolved/closed times) it had, its client is not told
    /// (the held e-mail and the bell notification are withdrawn), and the history says it was undone. Only the person
    /// who moved it, within <see cref="TicketRules.UndoWindow"/>, and only while nobody has changed the ticket since;
    /// otherwise a <see cref="DomainException"/> says why and nothing changes.
    /// </summary>
    public async Task<Guid> UndoMoveAsync(Actor actor, StatusMove move, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(move);
        if (move.ByUserId is null || move.ByUserId != actor.UserId)
        {
            throw new DomainException($"{move.DisplayNumber}: only the person who moved it can undo the move.");
        }

        var now = Now;
        if (now - move.MovedAtUtc > TicketRules.UndoWindow)
        {
            throw new DomainException($"{move.DisplayNumber}: too late to undo, the client may have been told. Move it back instead.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindAsync(db, actor, move.Number, cancellationToken);
        if (ticket.ConcurrencyStamp != move.StampAfter || ticket.Status != move.To)
        {
            throw new ConcurrencyConflictException($"{move.DisplayNumber} changed after the move, so it was not undone. Reload to see it.");
        }

        var (bell, alreadySent) = await NotificationOutbox.WithdrawAsync(
            db, TicketNotifications.StatusKey(move.Number, move.To, move.MovedAtUtc), ticket.ClientId, cancellationToken);
        if (alreadySent > 0)
        {
            throw new DomainException($"{move.DisplayNumber}: too late to undo, the client has been told. Move it back instead.");
        }

        ticket.Status = move.From;
        ticket.ResolvedAtUtc = move.ResolvedAtUtcBefore;
        ticket.ClosedAtUtc = move.ClosedAtUtcBefore;
        AddActivity(db, actor, ticket, TicketActivityKind.StatusChanged,
            $"Undone: {TicketRules.Label(move.To)} → {TicketRules.Label(move.From)}");
        var stamp = await SaveGuardedAsync(db, ticket, move.StampAfter, cancellationToken);
        await notifier.PublishAllAsync(bell);
        return stamp;
    }

    internal static void ApplyStatus(KtPortalDbContext db, Actor actor, Ticket ticket, TicketStatus status, DateTime now)
    {
        if (ticket.Status == status)
        {
            throw new ValidationFailedException("Status", $"The ticket is already {TicketRules.Label(status)}.");
        }

        if (!TicketRules.CanTransition(actor, ticket.Status, status))
        {
            var allowed = TicketRules.AllowedTransitions(actor, ticket.Status);
            throw new ValidationFailedException("Status",
                $"A ticket that is {TicketRules.Label(ticket.Status)} cannot move to {TicketRules.Label(status)}. "
                + (allowed.Count == 0 ? "No change is allowed." : $"Allowed: {string.Join(", ", allowed.Select(TicketRules.Label))}."));
        }

        var at = now;
        var from = ticket.Status;
        ticket.Status = status;
        ticket.ResolvedAtUtc = status == TicketStatus.Resolved ? at : status == TicketStatus.Closed ? ticket.ResolvedAtUtc : null;
        ticket.ClosedAtUtc = status == TicketStatus.Closed ? at : null;
        var verb = TicketRules.IsOpen(status) && !TicketRules.IsOpen(from) ? "Reopened" : "Status";
        db.TicketActivities.Add(new TicketActivity
        {
            TicketId = ticket.Id,
            ActorId = TicketScope.AuthorId(actor),
            Kind = TicketActivityKind.StatusChanged,
            Detail = $"{verb}: {TicketRules.Label(from)} → {TicketRules.Label(status)}",
            CreatedAtUtc = at,
        });
    }

    private static Snapshot Before(Ticket ticket) => new(ticket.Status, ticket.ResolvedAtUtc, ticket.ClosedAtUtc);

    /// <summary>What a move changes and an undo puts back.</summary>
    private sealed record Snapshot(TicketStatus Status, DateTime? ResolvedAtUtc, DateTime? ClosedAtUtc)
    {
        public StatusMove Moved(Ticket ticket, DateTime atUtc, Guid stampAfter, Actor actor) =>
            new(ticket.Number, Status, ticket.Status, ResolvedAtUtc, ClosedAtUtc, atUtc, stampAfter, actor.UserId);
    }
}
