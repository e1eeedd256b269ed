namespace KtPortal.Domain.Estimation;

public enum QuoteStatus
{
    /// <summary>Sent, waiting for the client.</summary>
    Pending,
    Approved,
    Declined,

    /// <summary>Replaced by a newer quote before the client answered.</summary>
    Withdrawn,
}

/// <summary>
/// An estimate sent to the client for a Service Request: hours and the amount at their development rate, which the
/// client approves or declines in the portal. Every quote is kept; at most one is pending per ticket.
/// </summary>
public sealed class TicketQuote
{
    public const int MessageMaxLength = 2000;
    public const int ResponseNoteMaxLength = 1000;

    public int Id { get; set; }

    public int TicketId { get; set; }

    public int Minutes { get; set; }

    /// <summary>The development rate of the client's current billing terms when the quote was sent.</summary>
    public long RateMinor { get; set; }

    /// <summary>round(minutes × rate / 60), as an invoice line would be.</summary>
    public long AmountMinor { get; set; }

    public string Message { get; set; } = string.Empty;

    public QuoteStatus Status { get; set; }

    public string SentById { get; set; } = string.Empty;

    public DateTime SentAtUtc { get; set; }

    public string? RespondedById { get; set; }

    public DateTime? RespondedAtUtc { get; set; }

    public string? ResponseNote { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
