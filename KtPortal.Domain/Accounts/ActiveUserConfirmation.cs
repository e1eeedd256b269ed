using Microsoft.AspNetCore.Identity;

namespace KtPortal.Domain.Accounts;

/// <summary>A deactivated user cannot sign in: the sign-in manager reports NotAllowed.</summary>
public sealed class ActiveUserConfirmation : IUserConfirmation<PortalUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PortalUser> manager, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.IsActive);
    }
}
