using Microsoft.AspNetCore.Identity;

namespace KtPortal.Domain.Accounts;

/// <summary>The password, lockout and sign-in rules, in one place for the portal and its tests.</summary>
public static class PortalIdentityPolicy
{
    public static void Apply(IdentityOptions options, int maxFailedSignIns = 5, TimeSpan? lockoutDuration = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        // "Confirmed" means "the account is active": see ActiveUserConfirmation.
        options.SignIn.RequireConfirmedAccount = true;
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 8;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = maxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = lockoutDuration ?? TimeSpan.FromMinutes(15);
    }
}
