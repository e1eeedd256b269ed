using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets;

/// <summary>A downloadable attachment: the stream and the name and type to serve it under.</summary>
public sealed record AttachmentDownload(Stream Content, string FileName, string ContentType, long SizeBytes);

/// <summary>Replies, internal notes and attachment downloads on a ticket.</summary>
public sealed class TicketConversationService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    TicketAttachmentWriter attachmentWriter,
    AgencyProfile agency,
    IOptions<EmailOptions> emailOptions)
{
    private readonly TicketNotifications _notifications = new(agency, new Email.ReplyAddresses(emailOptions));

    /// <summary>
    /// Adds a public reply or (staff only) an internal note, with attachments. A client's reply to a ticket
    /// that waits on them or is resolved puts it back in progress; a closed ticket must be reopened first.
    /// Returns the comment's id.
    /// </summary>
    public Task<int> AddCommentAsync(
        Actor actor, int number, string body, bool isInternal, IReadOnlyList<AttachmentUpload>? attachments = null,
        CancellationToken cancellationToken = default) =>
        AddCommentAsync(actor, number, body, isInternal, attachments, alsoSave: null, cancellationToken);

    /// <summary>As above; <paramref name="alsoSave"/> adds rows that must commit with the reply (the inbound e-mail it came from).</summary>
    internal async Task<int> AddCommentAsync(
        Actor actor, int number, string body, bool isInternal, IReadOnlyList<AttachmentUpload>? attachments,
        Action<KtPortalDbContext, Ticket, TicketComment>? alsoSave, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        attachments ??= [];
        if (isInternal && !actor.IsStaff)
        {
            throw new ForbiddenException("Only staff can add internal notes.");
        }

        var validation = new Validation().Required("Body", body, isInternal ? "The note" : "The reply", TicketRules.TextMaxLength);
        attachmentWriter.Validate(validation, attachments);
        await using (var check = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var status = await TicketScope.Visible(check, actor).Where(t => t.Number == number).Select(t => (TicketStatus?)t.Status)
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The ticket");
            validation.Check(actor.IsStaff || status != TicketStatus.Closed, "Body", "This ticket is closed. Reopen it to reply.");
        }

        validation.ThrowIfInvalid();
        var stored = await attachmentWriter.StoreAsync(attachments, cancellationToken);
        (int CommentId, int ClientId, IReadOnlyList<PortalChange> Notices) saved;
        try
        {
            saved = await InsertAsync(actor, number, body.Trim(), isInternal, stored, alsoSave, cancellationToken);
        }
        catch
        {
            await attachmentWriter.DiscardAsync(stored);
            throw;
        }

        // Committed: the files belong to the reply now, whatever happens while telling the open pages.
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, TicketNumber.Format(number), saved.ClientId));
        await notifier.PublishAllAsync(saved.Notices);
        return saved.CommentId;
    }

    /// <summary>Opens an attachment the actor may see, or throws <see cref="NotFoundException"/>.</summary>
    public async Task<AttachmentDownload> OpenAttachmentAsync(Actor actor, int number, int attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await (
            from t in TicketScope.Visible(db, actor)
            where t.Number == number
            join a in db.TicketAttachments on t.Id equals a.TicketId
            where a.Id == attachmentId && (actor.IsStaff || !a.IsInternal)
            select a).AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The attachment");
        Stream content;
        try
        {
            content = await attachmentWriter.OpenReadAsync(attachment.StoredName, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            throw new NotFoundException("The attachment's file");
        }

        return new AttachmentDownload(content, attachment.FileName, attachment.ContentType, attachment.SizeBytes);
    }

    private async Task<(int CommentId, int ClientId, IReadOnlyList<PortalChange> Notices)> InsertAsync(
        Actor actor, int number, string body, bool isInternal, IReadOnlyList<StoredAttachment> stored,
        Action<KtPortalDbContext, Ticket, TicketComment>? alsoSave, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await TicketScope.Visible(db, actor, tracking: true).SingleOrDefaultAsync(t => t.Number == number, cancellationToken)
            ?? throw new NotFoundException("The ticket");
        var now = clock.GetUtcNow().UtcDateTime;
        var comment = new TicketComment
        {
            TicketId = ticket.Id,
            AuthorId = TicketScope.AuthorId(actor),
            Body = body,
            IsInternal = isInternal,
            CreatedAtUtc = now,
        };
        db.TicketComments.Add(comment);
        db.TicketActivities.Add(new TicketActivity
        {
            TicketId = ticket.Id,
            ActorId = TicketScope.AuthorId(actor),
            Kind = isInternal ? TicketActivityKind.NoteAdded : TicketActivityKind.Replied,
            Detail = isInternal ? "Added an internal note" : "Replied",
            IsInternal = isInternal,
            CreatedAtUtc = now,
        });

        ticket.UpdatedAtUtc = now;
        if (!isInternal)
        {
            ticket.LastPublicReplyAtUtc = now;
            if (actor.IsStaff)
            {
                ticket.FirstResponseAtUtc ??= now;
            }

            if (!actor.IsStaff && ticket.Status is TicketStatus.WaitingOnClient or TicketStatus.Resolved)
            {
                // The client answered: the ball is back with staff.
                TicketService.ApplyStatus(db, Actor.System, ticket, TicketStatus.InProgress, now);
                ticket.ConcurrencyStamp = Guid.NewGuid();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        attachmentWriter.Attach(db, actor, ticket, comment.Id, isInternal, stored, now);
        var notices = await _notifications.ReplyAsync(db, actor, ticket, comment, cancellationToken);
        alsoSave?.Invoke(db, ticket, comment);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (comment.Id, ticket.ClientId, notices);
    }
}
