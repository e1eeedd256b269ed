using Microsoft.AspNetCore.Identity;

namespace KtPortal.Domain.Accounts;

/// <summary>A person who signs in. Client users belong to exactly one client; staff to none.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Set for ClientAdmin and ClientUser, null for Admin and Staff.</summary>
    public int? ClientId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>A ClientUser sees the client's invoices only when granted this; ClientAdmins always do.</summary>
    public bool CanViewInvoices { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? DeactivatedAtUtc { get; set; }

    /// <summary>Staff: the hours a week they are there to work, in minutes; utilization and My week measure against it. 0: not tracked.</summary>
    public int WeeklyCapacityMinutes { get; set; } = StaffCapacity.DefaultWeeklyMinutes;
}
