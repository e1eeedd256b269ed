namespace KtPortal.Domain.Tickets;

/// <summary>A client user copied on a ticket: they see it and its public conversation like its requester.</summary>
public sealed class TicketWatcher
{
    public int TicketId { get; set; }

    public string UserId { get; set; } = string.Empty;

    public DateTime AddedAtUtc { get; set; }
}
