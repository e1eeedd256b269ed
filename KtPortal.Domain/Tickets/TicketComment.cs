namespace KtPortal.Domain.Tickets;

/// <summary>A public reply, or an internal note that only staff ever see.</summary>
public sealed class TicketComment
{
    public int Id { get; set; }

    public int TicketId { get; set; }

    public string? AuthorId { get; set; }

    /// <summary>Markdown, rendered sanitized.</summary>
    public string Body { get; set; } = string.Empty;

    public bool IsInternal { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
