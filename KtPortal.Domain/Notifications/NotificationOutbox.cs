using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Notifications;

/// <summary>Someone to tell: a portal user (their choices apply), or a bare address such as a client's billing e-mail.</summary>
public sealed record MessageRecipient(string? UserId, string Address, int? ClientId = null);

/// <summary>
/// What happened, for whom, and where it leads. <paramref name="Key"/> makes the outbox rows idempotent and lets an
/// undone change withdraw them (<see cref="NotificationOutbox.WithdrawAsync"/>); <paramref name="ReplyTo"/> gives each
/// recipient their own reply address (ticket addresses are signed per person); <paramref name="HoldFor"/> keeps the
/// e-mail back that long, for a change that can be undone within it.
/// </summary>
internal sealed record NotificationMessage(
    NotificationEvent? Event,
    string Kind,
    string Key,
    string Link,
    Func<MessageRecipient, string?>? ReplyTo = null,
    int? InvoiceId = null,
    TimeSpan HoldFor = default,
    string? Attachment = null);

/// <summary>
/// Writes notifications inside the caller's transaction: an in-app notification and/or an outbox e-mail per
/// recipient, as each user chose for the event (no choice = the event's default, <see cref="NotificationDefaults"/>). Bare addresses always get the e-mail; messages
/// with no event (invitations) are e-mail only. Returns the bell changes to publish after the commit.
/// </summary>
internal static class NotificationOutbox
{
    public static async Task<IReadOnlyList<PortalChange>> QueueAsync(
        KtPortalDbContext db,
        AgencyProfile agency,
        NotificationMessage message,
        IEnumerable<MessageRecipient> recipients,
        Func<MessageRecipient, EmailContent> compose,
        DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var distinct = recipients
            .Where(r => r.UserId is not null || !string.IsNullOrWhiteSpace(r.Address))
            .DistinctBy(r => r.UserId ?? r.Address.Trim().ToUpperInvariant())
            .ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        var userIds = distinct.Where(r => r.UserId is not null).Select(r => r.UserId!).ToList();
        var choices = message.Event is { } ev
            ? await db.NotificationPreferences.AsNoTracking().Where(p => p.Event == ev && userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken)
            : [];
        var keys = distinct.Select(r => KeyFor(message, r)).ToList();
        var alreadyQueued = (await db.OutboxMessages.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(cancellationToken))
            .Concat(db.OutboxMessages.Local.Select(m => m.IdempotencyKey))
            .ToHashSet(StringComparer.Ordinal);

        var changes = new List<PortalChange>();
        foreach (var recipient in distinct)
        {
            var choice = recipient.UserId is not null && choices.TryGetValue(recipient.UserId, out var found) ? found : null;
            var byDefault = message.Event is not { } chosen || NotificationDefaults.IsOn(chosen);
            var wantsInApp = message.Event is not null && recipient.UserId is not null && (choice?.InApp ?? byDefault);
            var wantsEmail = !string.IsNullOrWhiteSpace(recipient.Address) && (recipient.UserId is null || (choice?.Email ?? byDefault));
            if (!wantsInApp && !wantsEmail)
            {
                continue;
            }

            var content = compose(recipient);
            if (wantsInApp)
            {
                db.Notifications.Add(new Notification
                {
                    UserId = recipient.UserId!,
                    Title = TextLimits.Shorten(content.Heading, Notification.TitleMaxLength),
                    Body = TextLimits.Shorten(content.Summary, Notification.BodyMaxLength),
                    Link = message.Link,
                    CreatedAtUtc = nowUtc,
                    SourceKey = TextLimits.Shorten(message.Key, Notification.SourceKeyMaxLength),
                });
                changes.Add(new PortalChange(PortalChange.Topics.Notification, recipient.UserId!, recipient.ClientId));
            }

            var key = KeyFor(message, recipient);
            if (wantsEmail && alreadyQueued.Add(key))
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    IdempotencyKey = key,
                    Kind = message.Kind,
                    ToAddress = recipient.Address.Trim(),
                    UserId = recipient.UserId,
                    ReplyTo = message.ReplyTo?.Invoke(recipient),
                    Subject = TextLimits.Shorten(content.Subject, 400),
                    BodyText = EmailLayout.Text(content, agency),
                    BodyHtml = EmailLayout.Html(content, agency),
                    InvoiceId = message.InvoiceId,
                    Attachment = message.Attachment,
                    Status = OutboxStatus.Pending,
                    CreatedAtUtc = nowUtc,
                    NextAttemptAtUtc = nowUtc + message.HoldFor,
                });
            }
        }

        return changes;
    }

    /// <summary>
    /// Takes back what <see cref="QueueAsync"/> wrote for the message with this key: its in-app notifications and its
    /// e-mails not yet sent (a held one is still pending). Returns the bell changes to publish after the commit, and
    /// how many e-mails had already left (the caller decides whether that is too late). <paramref name="clientId"/> is the
    /// client whose users may be among the recipients: their pages take bell changes only for their own client.
    /// </summary>
    public static async Task<(IReadOnlyList<PortalChange> Changes, int AlreadySent)> WithdrawAsync(
        KtPortalDbContext db, string key, int? clientId, CancellationToken cancellationToken)
    {
        var sourceKey = TextLimits.Shorten(key, Notification.SourceKeyMaxLength);
        var notifications = await db.Notifications.Where(n => n.SourceKey == sourceKey).ToListAsync(cancellationToken);
        db.Notifications.RemoveRange(notifications);

        // Row keys are "<message key>:<recipient>" (KeyFor); pending rows are few, so the prefix test runs on those.
        var prefix = key + ":";
        var mail = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending || m.Status == OutboxStatus.Sent)
            .Where(m => m.IdempotencyKey.StartsWith(prefix)).ToListAsync(cancellationToken);
        db.OutboxMessages.RemoveRange(mail.Where(m => m.Status == OutboxStatus.Pending));

        var changes = notifications.Select(n => n.UserId).Distinct(StringComparer.Ordinal)
            .Select(userId => new PortalChange(PortalChange.Topics.Notification, userId, clientId)).ToList();
        return (changes, mail.Count(m => m.Status != OutboxStatus.Pending));
    }

    private static string KeyFor(NotificationMessage message, MessageRecipient recipient) =>
        TextLimits.Shorten($"{message.Key}:{recipient.UserId ?? recipient.Address.Trim().ToLowerInvariant()}", 200);
}
