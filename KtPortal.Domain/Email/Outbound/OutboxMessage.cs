namespace KtPortal.Domain.Email.Outbound;

public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (<see cref="OutboxMessage.NextAttemptAtUtc"/>).</summary>
    Pending,

    /// <summary>Claimed by the sender; the provider may or may not have it yet.</summary>
    Sending,

    Sent,

    /// <summary>Given up: too many tries, a refusal, or interrupted mid-send. Admins see it and may resend.</summary>
    Failed,
}

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change that caused it. The outbox sender
/// claims it (status <see cref="OutboxStatus.Sending"/>, committed) before handing it to the provider, so a crash
/// between sending and recording never sends it again on its own: see <c>OutboxSender</c>.
/// </summary>
public sealed class OutboxMessage
{
    public const int ErrorMaxLength = 2000;

    public long Id { get; set; }

    /// <summary>Unique: the same event never queues the same message twice. Also the message's Message-ID seed.</summary>
    public string IdempotencyKey { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string ToAddress { get; set; } = string.Empty;

    /// <summary>The recipient when it is a portal user (null for a billing address or an invitee).</summary>
    public string? UserId { get; set; }

    /// <summary>Where replies go: the ticket's address on the inbound domain, or null for the default sender.</summary>
    public string? ReplyTo { get; set; }

    public string Subject { get; set; } = string.Empty;

    public string BodyText { get; set; } = string.Empty;

    /// <summary>The same content as HTML; empty for rows written before HTML bodies existed (sent as text only).</summary>
    public string BodyHtml { get; set; } = string.Empty;

    /// <summary>Set for "invoice issued": the sender attaches the invoice's PDF, rendered when it sends.</summary>
    public int? InvoiceId { get; set; }

    /// <summary>
    /// Another document to draw and attach when it sends, named by the feature that owns it ("receipt:2",
    /// "credit-note:7", "statement:3:2026-10-01:2026-10-31"); replaces the invoice PDF when set.
    /// </summary>
    public string? Attachment { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>Bumped by an admin's resend, so that the resent copy gets a new Message-ID.</summary>
    public int Generation { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    public DateTime? LastAttemptAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public string? LastError { get; set; }

    /// <summary>What the provider answered (status and message id, or the file written).</summary>
    public string? ProviderResponse { get; set; }
}
