using System.Globalization;
using System.Security.Claims;
using KtPortal.Domain.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Accounts;

/// <summary>Adds the client id and display name to the sign-in cookie so every request can build its <see cref="Actor"/>.</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(userManager, roleManager, options)
{
    public const string DisplayNameClaimType = "ktportal:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaimType, user.DisplayName));
        if (user.ClientId is int clientId)
        {
            identity.AddClaim(new Claim(Actor.ClientIdClaimType, clientId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
