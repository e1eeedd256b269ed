namespace KtPortal.Domain.CannedReplies;

/// <summary>
/// A reply staff keep to insert into a ticket's reply box: personal (only its owner sees it) or shared with the team.
/// Its body may hold variables (<see cref="CannedReplyVariables"/>) filled in for the ticket it is inserted into.
/// </summary>
public sealed class CannedReply
{
    public int Id { get; set; }

    public string Title { get; set; } = string.Empty;

    /// <summary>Markdown, like a reply.</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>The staff member it belongs to; null when it is shared with every staff member.</summary>
    public string? OwnerId { get; set; }

    /// <summary>Who wrote it first: a shared reply may be changed by them or by an admin.</summary>
    public string CreatedById { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
