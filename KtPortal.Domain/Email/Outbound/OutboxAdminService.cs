using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Email.Outbound;

public sealed record OutboxListItem(
    long Id, string Kind, string ToAddress, string Subject, OutboxStatus Status, int Attempts, DateTime CreatedAtUtc,
    DateTime NextAttemptAtUtc, DateTime? LastAttemptAtUtc, DateTime? SentAtUtc, string? LastError, string? ProviderResponse);

public sealed record OutboxPage(IReadOnlyList<OutboxListItem> Items, int Total, IReadOnlyDictionary<OutboxStatus, int> Counts);

/// <summary>A file a message carries, by name and size (drawn as it would be sent now).</summary>
public sealed record OutboxAttachmentInfo(string FileName, string ContentType, long Bytes);

/// <summary>One message as its recipient got it (or will): addresses, subject, both bodies, files, and how sending went.</summary>
public sealed record OutboxMessageView(
    OutboxListItem Summary, string? ReplyTo, string BodyText, string BodyHtml, IReadOnlyList<OutboxAttachmentInfo> Attachments, string? AttachmentError);

/// <summary>The outbox as admins see it: every message with its tries and last error, and resend.</summary>
public sealed class OutboxAdminService(
    IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, IEnumerable<IOutboxAttachmentSource> attachmentSources)
{
    public const int PageSize = 50;

    public async Task<OutboxPage> ListAsync(Actor actor, OutboxStatus? status, string? search, int page, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var query = db.OutboxMessages.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(m => m.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(m => m.ToAddress.Contains(text) || m.Subject.Contains(text));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Skip(Math.Max(0, page) * PageSize).Take(PageSize)
            .Select(m => new OutboxListItem(m.Id, m.Kind, m.ToAddress, m.Subject, m.Status, m.Attempts, m.CreatedAtUtc,
                m.NextAttemptAtUtc, m.LastAttemptAtUtc, m.SentAtUtc, m.LastError, m.ProviderResponse))
            .ToListAsync(cancellationToken);
        return new OutboxPage(items, total, counts);
    }

    /// <summary>One message for an admin to read as it went out; its files are drawn again, as the sender would draw them now.</summary>
    public async Task<OutboxMessageView> GetAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("The message");
        var files = new List<OutboxAttachmentInfo>();
        string? attachmentError = null;
        try
        {
            foreach (var source in attachmentSources)
            {
                files.AddRange((await source.AttachmentsForAsync(row, cancellationToken))
                    .Select(a => new OutboxAttachmentInfo(a.FileName, a.ContentType, a.Content.Length)));
            }
        }
        catch (EmailSendException ex)
        {
            attachmentError = ex.Message; // what the sender would give up on, shown instead of the list
        }

        var summary = new OutboxListItem(row.Id, row.Kind, row.ToAddress, row.Subject, row.Status, row.Attempts, row.CreatedAtUtc,
            row.NextAttemptAtUtc, row.LastAttemptAtUtc, row.SentAtUtc, row.LastError, row.ProviderResponse);
        return new OutboxMessageView(summary, row.ReplyTo, row.BodyText, row.BodyHtml, files, attachmentError);
    }

    /// <summary>
    /// Queues a failed or sent message again, as a new copy (new Message-ID) with a fresh count of tries. A message
    /// that is waiting or being sent cannot be resent: it is about to go anyway.
    /// </summary>
    public async Task ResendAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages
            .Where(m => m.Id == id && (m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.Sent))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.Generation, m => m.Generation + 1)
                .SetProperty(m => m.NextAttemptAtUtc, now)
                .SetProperty(m => m.LastError, (string?)null), cancellationToken);
        if (changed == 0)
        {
            var exists = await db.OutboxMessages.AnyAsync(m => m.Id == id, cancellationToken);
            throw exists
                ? new ValidationFailedException("Status", "This message is waiting to be sent or being sent; it cannot be resent now.")
                : new NotFoundException("The message");
        }
    }

    private static void RequireAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException("Only admins can see the outbox.");
        }
    }
}
