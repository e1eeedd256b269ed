namespace KtPortal.Domain.Notifications;

/// <summary>An in-app notification for one user.</summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 1000;
    public const int SourceKeyMaxLength = 200;

    public long Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    /// <summary>A portal-relative link ("/dashboard"), or empty.</summary>
    public string Link { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The event that raised it (the outbox key without its recipient), so that a change taken back within its undo
    /// window takes its notifications back too. Null on rows written before it existed.
    /// </summary>
    public string? SourceKey { get; set; }

    public DateTime? ReadAtUtc { get; set; }
}
