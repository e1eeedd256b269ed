namespace KtPortal.Domain.Tickets;

public enum TicketActivityKind
{
    Created,
    Edited,
    StatusChanged,
    Assigned,
    Replied,
    NoteAdded,
    AttachmentAdded,
    WatcherAdded,
    WatcherRemoved,
    EstimateSettled,
    QuoteSent,
    QuoteAnswered,
}

/// <summary>One line of a ticket's history: who did what, when. Internal lines are staff only.</summary>
public sealed class TicketActivity
{
    public long Id { get; set; }

    public int TicketId { get; set; }

    /// <summary>Null when the portal itself acted (e.g. closing a resolved ticket after 7 days).</summary>
    public string? ActorId { get; set; }

    public TicketActivityKind Kind { get; set; }

    public string Detail { get; set; } = string.Empty;

    public bool IsInternal { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
