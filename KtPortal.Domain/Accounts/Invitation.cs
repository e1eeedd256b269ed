namespace KtPortal.Domain.Accounts;

/// <summary>
/// An invitation to join a client's portal. Only the SHA-256 hash of the token is stored, so a
/// leaked database does not leak usable links.
/// </summary>
public sealed class Invitation
{
    public int Id { get; set; }

    /// <summary>The client the invitee joins; null for an invitation to the agency's own staff or admins.</summary>
    public int? ClientId { get; set; }

    public string Email { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string TokenHash { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public string CreatedByUserId { get; set; } = string.Empty;

    public DateTime? AcceptedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public bool IsPending(DateTime nowUtc) => AcceptedAtUtc is null && RevokedAtUtc is null && ExpiresAtUtc > nowUtc;
}
