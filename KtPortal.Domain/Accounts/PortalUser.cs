using Microsoft.AspNetCore.Identity;

namespace KtPortal.Domain.Accounts;

/// <summary>A person who signs in. Client users belong to exactly one client; staff to none.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Set for ClientAdmin and ClientUser, null for Admin and Staff.</summary>
    public int? ClientId { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? DeactivatedAtUtc { get; set; }
}
