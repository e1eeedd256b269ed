using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets;

/// <summary>
/// The ticket messages, queued in the transaction of the change: a new ticket to staff, a public reply to the other
/// side, "waiting on you" and "resolved" to the client side. Internal notes never leave. The person who acted is
/// never told about their own change. Every message replies to the ticket's address on the inbound domain, signed
/// for its recipient, so that a reply to it is known to be theirs.
/// </summary>
internal sealed class TicketNotifications(AgencyProfile agency, ReplyAddresses replyAddresses)
{
    public async Task<IReadOnlyList<PortalChange>> CreatedAsync(KtPortalDbContext db, Actor actor, Ticket ticket, CancellationToken cancellationToken)
    {
        var clientName = await db.Clients.Where(c => c.Id == ticket.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
        var raisedBy = await NameAsync(db, TicketScope.AuthorId(actor) ?? ticket.RequesterId, cancellationToken) ?? clientName;
        var staff = await StaffAsync(db, assigneeId: null, cancellationToken);
        return await QueueAsync(db, ticket, NotificationEvent.TicketCreated, "ticket-created", $"ticket-created:{ticket.Number}",
            staff.Where(r => r.UserId != actor.UserId),
            url => TicketEmails.Created(ticket.Number, ticket.Title, clientName, raisedBy, ticket.Description, url), ticket.CreatedAtUtc, cancellationToken);
    }

    public async Task<IReadOnlyList<PortalChange>> ReplyAsync(
        KtPortalDbContext db, Actor actor, Ticket ticket, TicketComment comment, CancellationToken cancellationToken)
    {
        if (comment.IsInternal)
        {
            return [];
        }

        var author = await NameAsync(db, comment.AuthorId, cancellationToken) ?? agency.Name;
        var recipients = actor.IsStaff
            ? await ClientSideAsync(db, ticket, cancellationToken)
            : await StaffAsync(db, ticket.AssigneeId, cancellationToken);
        return await QueueAsync(db, ticket, NotificationEvent.TicketReply, "ticket-reply", $"ticket-reply:{comment.Id}",
            recipients.Where(r => r.UserId != actor.UserId),
            url => TicketEmails.Reply(ticket.Number, ticket.Title, author, comment.Body, url), comment.CreatedAtUtc, cancellationToken);
    }

    /// <summary>Only the two statuses that ask something of the client (or tell them it is done) are sent.</summary>
    public async Task<IReadOnlyList<PortalChange>> StatusChangedAsync(
        KtPortalDbContext db, Actor actor, Ticket ticket, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (ticket.Status is not (TicketStatus.WaitingOnClient or TicketStatus.Resolved))
        {
            return [];
        }

        // Held for the undo window: a move taken back within it withdraws the mail before it leaves.
        var recipients = await ClientSideAsync(db, ticket, cancellationToken);
        return await QueueAsync(db, ticket, NotificationEvent.TicketStatusChanged, "ticket-status", StatusKey(ticket.Number, ticket.Status, nowUtc),
            recipients.Where(r => r.UserId != actor.UserId),
            url => TicketEmails.StatusChanged(ticket.Number, ticket.Title, ticket.Status, url), nowUtc, cancellationToken, TicketRules.UndoWindow);
    }

    /// <summary>The key of the messages about one status change (see <see cref="TicketService.UndoMoveAsync"/>).</summary>
    public static string StatusKey(int number, TicketStatus status, DateTime atUtc) => $"ticket-status:{number}:{status}:{atUtc.Ticks}";

    /// <summary>A quote goes to the client side (requester and copied users) and the client's admins, who may approve it.</summary>
    public async Task<IReadOnlyList<PortalChange>> QuoteSentAsync(
        KtPortalDbContext db, Actor actor, Ticket ticket, int quoteId, string quoteSentence, string message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var recipients = await ClientSideAsync(db, ticket, cancellationToken);
        var admins = await Accounts.ClientAdmins.Active(db, ticket.ClientId).AsNoTracking()
            .Select(u => new MessageRecipient(u.Id, u.Email ?? string.Empty, u.ClientId))
            .ToListAsync(cancellationToken);
        return await QueueAsync(db, ticket, NotificationEvent.QuoteSent, "quote-sent", $"quote-sent:{quoteId}",
            recipients.Concat(admins).Where(r => r.UserId != actor.UserId),
            url => TicketEmails.QuoteSent(ticket.Number, ticket.Title, quoteSentence, message, url), nowUtc, cancellationToken);
    }

    public async Task<IReadOnlyList<PortalChange>> QuoteAnsweredAsync(
        KtPortalDbContext db, Actor actor, Ticket ticket, int quoteId, bool approved, string? note, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var who = await NameAsync(db, actor.UserId, cancellationToken) ?? "The client";
        var staff = await StaffAsync(db, ticket.AssigneeId, cancellationToken);
        return await QueueAsync(db, ticket, NotificationEvent.QuoteAnswered, "quote-answered", $"quote-answered:{quoteId}",
            staff.Where(r => r.UserId != actor.UserId),
            url => TicketEmails.QuoteAnswered(ticket.Number, ticket.Title, who, approved, note, url), nowUtc, cancellationToken);
    }

    /// <summary>A service-level alert goes to the assignee, or to every active staff member while nobody is assigned.</summary>
    public async Task<IReadOnlyList<PortalChange>> ServiceLevelAsync(
        KtPortalDbContext db, Ticket ticket, string kind, string key, Func<string, EmailContent> compose, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var staff = await StaffAsync(db, ticket.AssigneeId, cancellationToken);
        return await QueueAsync(db, ticket, NotificationEvent.ServiceLevel, kind, key, staff, compose, nowUtc, cancellationToken);
    }

    private async Task<IReadOnlyList<PortalChange>> QueueAsync(
        KtPortalDbContext db, Ticket ticket, NotificationEvent ev, string kind, string key, IEnumerable<MessageRecipient> recipients,
        Func<string, EmailContent> compose, DateTime nowUtc, CancellationToken cancellationToken, TimeSpan holdFor = default)
    {
        var link = $"/tickets/{TicketNumber.Format(ticket.Number)}";
        var number = ticket.Number;
        var message = new NotificationMessage(ev, kind, key, link, recipient => replyAddresses.For(number, recipient.UserId), HoldFor: holdFor);
        return await NotificationOutbox.QueueAsync(db, agency, message, recipients, _ => compose(agency.Absolute(link)), nowUtc, cancellationToken);
    }

    /// <summary>The client side of a ticket: its requester and the users copied on it, while active.</summary>
    private static async Task<List<MessageRecipient>> ClientSideAsync(KtPortalDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        var requesterId = ticket.RequesterId;
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.ClientId == ticket.ClientId
                && (u.Id == requesterId || db.TicketWatchers.Any(w => w.TicketId == ticket.Id && w.UserId == u.Id)))
            .Select(u => new MessageRecipient(u.Id, u.Email ?? string.Empty, u.ClientId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The staff side: the assignee when there is one, otherwise every active staff member.</summary>
    private static async Task<List<MessageRecipient>> StaffAsync(KtPortalDbContext db, string? assigneeId, CancellationToken cancellationToken)
    {
        var staff = TicketService.ActiveStaff(db).AsNoTracking();
        if (assigneeId is not null && await staff.AnyAsync(u => u.Id == assigneeId, cancellationToken))
        {
            staff = staff.Where(u => u.Id == assigneeId);
        }

        return await staff.Select(u => new MessageRecipient(u.Id, u.Email ?? string.Empty, null)).ToListAsync(cancellationToken);
    }

    private static async Task<string?> NameAsync(KtPortalDbContext db, string? userId, CancellationToken cancellationToken) =>
        userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
}
