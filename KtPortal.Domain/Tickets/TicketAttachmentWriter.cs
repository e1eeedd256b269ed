using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Tickets;

/// <summary>A validated upload that is already in the store, waiting for its database row.</summary>
public sealed record StoredAttachment(string FileName, string StoredName, string ContentType, long SizeBytes);

/// <summary>Validates uploads, writes them to the store, and records them on a ticket; shared by raising and replying.</summary>
public sealed class TicketAttachmentWriter(IAttachmentStore store, IOptions<AttachmentOptions> options)
{
    public void Validate(Validation validation, IReadOnlyList<AttachmentUpload> uploads) =>
        AttachmentRules.Validate(validation, uploads, options.Value);

    /// <summary>Copies validated uploads into the store. If one fails, the ones already written are removed.</summary>
    public async Task<IReadOnlyList<StoredAttachment>> StoreAsync(IReadOnlyList<AttachmentUpload> uploads, CancellationToken cancellationToken)
    {
        var stored = new List<StoredAttachment>();
        try
        {
            foreach (var upload in uploads)
            {
                var name = AttachmentRules.CleanFileName(upload.FileName);
                await using var content = upload.OpenRead(cancellationToken);
                var (storedName, size) = await store.SaveAsync(content, options.Value.MaxFileBytes, cancellationToken);
                stored.Add(new StoredAttachment(name, storedName, AttachmentRules.ContentTypeFor(name), size));
            }
        }
        catch (AttachmentTooLargeException)
        {
            await DiscardAsync(stored);
            throw new ValidationFailedException("Attachments", $"A file is larger than {AttachmentRules.FormatSize(options.Value.MaxFileBytes)}.");
        }
        catch
        {
            await DiscardAsync(stored);
            throw;
        }

        return stored;
    }

    public void Attach(KtPortalDbContext db, Actor actor, Ticket ticket, int? commentId, bool isInternal, IReadOnlyList<StoredAttachment> stored, DateTime now)
    {
        foreach (var file in stored)
        {
            db.TicketAttachments.Add(new TicketAttachment
            {
                TicketId = ticket.Id,
                CommentId = commentId,
                IsInternal = isInternal,
                FileName = file.FileName,
                StoredName = file.StoredName,
                ContentType = file.ContentType,
                SizeBytes = file.SizeBytes,
                UploadedById = TicketScope.AuthorId(actor),
                CreatedAtUtc = now,
            });
            db.TicketActivities.Add(new TicketActivity
            {
                TicketId = ticket.Id,
                ActorId = TicketScope.AuthorId(actor),
                Kind = TicketActivityKind.AttachmentAdded,
                Detail = $"Attached {file.FileName}",
                IsInternal = isInternal,
                CreatedAtUtc = now,
            });
        }
    }

    /// <summary>Removes files saved for a write that then failed. Not cancellable: the request may be what was cancelled.</summary>
    public async Task DiscardAsync(IReadOnlyList<StoredAttachment> stored)
    {
        foreach (var file in stored)
        {
            await store.DeleteAsync(file.StoredName, CancellationToken.None);
        }
    }

    public Task<Stream> OpenReadAsync(string storedName, CancellationToken cancellationToken) => store.OpenReadAsync(storedName, cancellationToken);
}
