namespace KtPortal.Domain.Notifications;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change that caused it. The sender job
/// (the e-mail issue) delivers it at most once, keyed by <see cref="IdempotencyKey"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Unique: the same event never queues the same message twice.</summary>
    public string IdempotencyKey { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string ToAddress { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string BodyText { get; set; } = string.Empty;

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }
}
