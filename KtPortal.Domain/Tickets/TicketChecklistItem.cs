namespace KtPortal.Domain.Tickets;

/// <summary>One item of a ticket's checklist: ticked by staff, read by the client too.</summary>
public sealed class TicketChecklistItem
{
    public const int TextMaxLength = 200;

    public long Id { get; set; }

    public int TicketId { get; set; }

    public int Position { get; set; }

    public string Text { get; set; } = string.Empty;

    public DateTime? DoneAtUtc { get; set; }

    public string? DoneById { get; set; }
}

public sealed record ChecklistItemView(long Id, string Text, bool IsDone, string? DoneBy, DateTime? DoneAtUtc);
