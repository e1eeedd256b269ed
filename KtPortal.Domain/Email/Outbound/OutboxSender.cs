using System.Security.Cryptography;
using System.Text;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Email.Outbound;

/// <summary>What one run of the sender did.</summary>
public sealed record OutboxRunResult(int Sent, int Retrying, int Failed, int Interrupted);

/// <summary>
/// Sends the outbox. Each due row is claimed (Pending → Sending, one more try, committed) before the provider sees
/// it, then marked Sent or scheduled again with exponential back-off, or Failed after <see cref="EmailOptions.MaxAttempts"/>
/// tries or a refusal. A row still Sending after <see cref="EmailOptions.SendingLease"/> means the sender died between
/// handing it over and recording the answer: it may or may not have gone out, so it is marked Failed for an admin to
/// check and resend rather than sent again blindly. That is what "at most once per row" costs.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    AgencyProfile agency,
    IEnumerable<IOutboxAttachmentSource> attachmentSources,
    TimeProvider clock,
    ILogger<OutboxSender> logger)
{
    public const string InterruptedMessage =
        "Interrupted while sending: the provider may or may not have it. Check with the recipient, then resend if needed.";

    public async Task<OutboxRunResult> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = Now;
        int interrupted;
        List<long> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var leaseStart = now - settings.SendingLease;
            interrupted = await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Sending && m.LastAttemptAtUtc < leaseStart)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.LastError, InterruptedMessage), cancellationToken);
            due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now)
                .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(Math.Max(1, settings.BatchSize))
                .ToListAsync(cancellationToken);
        }

        int sent = 0, retrying = 0, failed = 0;
        foreach (var id in due)
        {
            switch (await SendOneAsync(id, settings, cancellationToken))
            {
                case OutboxStatus.Sent: sent++; break;
                case OutboxStatus.Pending: retrying++; break;
                case OutboxStatus.Failed: failed++; break;
            }
        }

        if (interrupted > 0)
        {
            logger.LogWarning("{Count} outbox message(s) were interrupted mid-send and marked failed for review", interrupted);
        }

        return new OutboxRunResult(sent, retrying, failed, interrupted);
    }

    /// <summary>The wait before the next try after <paramref name="attempts"/> failed ones: 1×, 2×, 4×… the first delay, capped.</summary>
    public static TimeSpan RetryDelay(int attempts, EmailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.FirstRetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    /// <summary>The Message-ID: stable per row and resend, so a mail system that sees the same copy twice can tell.</summary>
    public static string MessageIdFor(OutboxMessage row, string fromAddress)
    {
        ArgumentNullException.ThrowIfNull(row);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(row.IdempotencyKey)), 0, 12).ToLowerInvariant();
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 ? fromAddress[(at + 1)..] : "ktportal.local";
        return $"{hash}.{row.Generation}@{domain}";
    }

    private async Task<OutboxStatus?> SendOneAsync(long id, EmailOptions settings, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var claimedAt = Now;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LastAttemptAtUtc, claimedAt), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var row = await db.OutboxMessages.SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            var email = await ComposeAsync(row, settings, cancellationToken);
            var answer = await sender.SendAsync(email, cancellationToken);
            row.Status = OutboxStatus.Sent;
            row.SentAtUtc = Now;
            row.ProviderResponse = TextLimits.Cut(answer, 500);
            row.LastError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A refusal or an address that cannot be parsed will not get better by waiting; anything else might.
            var permanent = ex is EmailSendException { Permanent: true } or MimeKit.ParseException or FormatException;
            var giveUp = permanent || row.Attempts >= settings.MaxAttempts;
            row.Status = giveUp ? OutboxStatus.Failed : OutboxStatus.Pending;
            row.LastError = TextLimits.Cut(ex.Message, OutboxMessage.ErrorMaxLength);
            row.NextAttemptAtUtc = Now + RetryDelay(row.Attempts, settings);
            logger.LogWarning("Outbox message {Id} ({Kind}) try {Attempt} failed{GiveUp}: {Error}",
                row.Id, row.Kind, row.Attempts, giveUp ? ", given up" : string.Empty, ex.Message);
        }

        // Recorded without the caller's token: the provider has the message, so the answer must be written down.
        await db.SaveChangesAsync(CancellationToken.None);
        return row.Status;
    }

    private async Task<OutgoingEmail> ComposeAsync(OutboxMessage row, EmailOptions settings, CancellationToken cancellationToken)
    {
        List<OutgoingAttachment> attachments = [];
        foreach (var source in attachmentSources)
        {
            attachments.AddRange(await source.AttachmentsForAsync(row, cancellationToken));
        }

        var fromName = string.IsNullOrWhiteSpace(settings.FromName) ? agency.Name : settings.FromName;
        return new OutgoingEmail(row.IdempotencyKey, MessageIdFor(row, settings.FromAddress), settings.FromAddress, fromName,
            row.ToAddress, row.ReplyTo, row.Subject, row.BodyText, row.BodyHtml, attachments);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
