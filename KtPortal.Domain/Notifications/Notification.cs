namespace KtPortal.Domain.Notifications;

/// <summary>An in-app notification for one user.</summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 1000;

    public long Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    /// <summary>A portal-relative link ("/dashboard"), or empty.</summary>
    public string Link { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ReadAtUtc { get; set; }
}
