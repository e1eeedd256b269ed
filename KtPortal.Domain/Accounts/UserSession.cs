namespace KtPortal.Domain.Accounts;

/// <summary>
/// One signed-in browser. The cookie carries only <see cref="Id"/>; the sign-in itself lives here, so signing out
/// (or "sign out everywhere") deletes the row and a copy of the cookie taken before is worth nothing afterwards.
/// </summary>
public sealed class UserSession
{
    public const int UserAgentMaxLength = 300;

    /// <summary>256 random bits, base64url; the key the cookie holds.</summary>
    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    /// <summary>The serialized authentication ticket (claims and expiry), opaque to the domain.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public DateTime LastSeenAtUtc { get; set; }

    /// <summary>When the sign-in ends by itself; null for a session cookie without an expiry.</summary>
    public DateTime? ExpiresAtUtc { get; set; }

    public string UserAgent { get; set; } = string.Empty;

    public string IpAddress { get; set; } = string.Empty;
}
