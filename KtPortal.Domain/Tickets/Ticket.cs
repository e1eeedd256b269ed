namespace KtPortal.Domain.Tickets;

public enum TicketType
{
    ServiceRequest,
    Troubleshooting,
}

public enum TicketStatus
{
    New,
    InProgress,
    WaitingOnClient,
    Resolved,
    Closed,
}

/// <summary>
/// A client's request. The foundation keeps only what scoping and navigation need; the
/// conversation, assignment and board come with the tickets feature.
/// </summary>
public sealed class Ticket
{
    public const int FirstNumber = 1001;

    public int Id { get; set; }

    /// <summary>Shown as KT-{Number}; sequential and never reused.</summary>
    public int Number { get; set; }

    public int ClientId { get; set; }

    public TicketType Type { get; set; }

    public TicketStatus Status { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string? RequesterId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
