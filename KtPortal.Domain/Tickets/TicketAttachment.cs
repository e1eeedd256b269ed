namespace KtPortal.Domain.Tickets;

/// <summary>
/// A file on a ticket. The bytes live in the attachment store under <see cref="StoredName"/>
/// (random, never derived from user input); <see cref="FileName"/> is only used for the download.
/// </summary>
public sealed class TicketAttachment
{
    public int Id { get; set; }

    public int TicketId { get; set; }

    /// <summary>The reply or note it came with; null for files added when the ticket was raised.</summary>
    public int? CommentId { get; set; }

    /// <summary>True when it belongs to an internal note: staff only, like the note.</summary>
    public bool IsInternal { get; set; }

    public string FileName { get; set; } = string.Empty;

    public string StoredName { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    public long SizeBytes { get; set; }

    public string? UploadedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
