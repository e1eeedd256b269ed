namespace KtPortal.Domain.InboundMail;

public enum InboundSource
{
    Webhook,
    Folder,
}

public enum InboundOutcome
{
    /// <summary>Added as a reply on <see cref="InboundEmail.TicketId"/>.</summary>
    Reply,

    /// <summary>Raised <see cref="InboundEmail.TicketId"/>.</summary>
    NewTicket,

    /// <summary>Waiting for staff: turn into a ticket or discard.</summary>
    Triage,

    /// <summary>An auto-reply, bounce, receipt or report: recorded, nothing created, nothing sent.</summary>
    Ignored,

    /// <summary>Not a readable message; kept byte for byte for inspection.</summary>
    Malformed,

    /// <summary>Staff discarded it from triage.</summary>
    Discarded,
}

/// <summary>
/// Every message that came in, once per Message-ID and content (<see cref="MessageKey"/> is unique), with what became of it and
/// the raw MIME kept so that staff can inspect it or turn it into a ticket later.
/// </summary>
public sealed class InboundEmail
{
    public const int SubjectMaxLength = 400;
    public const int ReasonMaxLength = 500;

    public long Id { get; set; }

    /// <summary>The Message-ID and a hash of the bytes (just the hash when there is no usable Message-ID).</summary>
    public string MessageKey { get; set; } = string.Empty;

    public InboundSource Source { get; set; }

    public InboundOutcome Outcome { get; set; }

    /// <summary>Why it went where it went, in words staff understand.</summary>
    public string Reason { get; set; } = string.Empty;

    public string FromAddress { get; set; } = string.Empty;

    public string FromName { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    /// <summary>The new text of the message (quoted history and signature trimmed).</summary>
    public string Body { get; set; } = string.Empty;

    public int? TicketId { get; set; }

    public int? CommentId { get; set; }

    public string? FromUserId { get; set; }

    /// <summary>How the sender was confirmed; <see cref="SenderVerification.NotVerified"/> shows as "sender not verified".</summary>
    public SenderVerification SenderVerification { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public string? HandledById { get; set; }

    public DateTime? HandledAtUtc { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>The message as received. Never loaded by lists.</summary>
    public byte[] RawMime { get; set; } = [];
}
