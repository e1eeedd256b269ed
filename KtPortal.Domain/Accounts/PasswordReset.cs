namespace KtPortal.Domain.Accounts;

/// <summary>
/// A "forgot password" link sent to a user. Like an invitation, only the SHA-256 hash of its token is stored; it works
/// once, until it expires, and only while it is the user's latest (asking again replaces it).
/// </summary>
public sealed class PasswordReset
{
    public int Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string TokenHash { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }

    /// <summary>Set when a newer link replaced this one.</summary>
    public DateTime? RevokedAtUtc { get; set; }

    public bool IsUsable(DateTime nowUtc) => UsedAtUtc is null && RevokedAtUtc is null && ExpiresAtUtc > nowUtc;
}
