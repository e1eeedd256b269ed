namespace KtPortal.Domain.Accounts;

/// <summary>
/// A request to move an account to a new e-mail address, waiting for the link sent to that address. Like a password
/// reset, only the token's hash is stored; it works once, until it expires, and only while it is the user's latest.
/// </summary>
public sealed class EmailChange
{
    public int Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string NewEmail { get; set; } = string.Empty;

    public string TokenHash { get; set; } = string.Empty;

    /// <summary>The account's security stamp when asked: a password change or "sign out everywhere" since then moves
    /// the stamp, and the link no longer works (what the notice to the old address promises).</summary>
    public string SecurityStamp { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }

    /// <summary>Set when a newer request replaced this one, or the user cancelled it.</summary>
    public DateTime? RevokedAtUtc { get; set; }

    public bool IsUsable(DateTime nowUtc) => UsedAtUtc is null && RevokedAtUtc is null && ExpiresAtUtc > nowUtc;
}
