using System.Security.Claims;
using KtPortal.Domain.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KtPortal.Web.Components.Account;

/// <summary>
/// Re-checks every open circuit's user on an interval (30 s by default, KtPortal:Security:CircuitRevalidationInterval):
/// a deactivated user, one whose security stamp changed, or one whose session was ended (signed out in another tab,
/// "sign out everywhere") is signed out of the circuit within that time.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options,
        IOptions<Security.SecurityOptions> securityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => securityOptions.Value.CircuitRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A new scope, so the user is read fresh from the database rather than from a cached context.
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var sessionId = authenticationState.User.FindFirstValue(Security.DatabaseTicketStore.SessionClaimType);
        if (sessionId is null || !await scope.ServiceProvider.GetRequiredService<UserSessionStore>().ExistsAsync(sessionId, cancellationToken))
        {
            return false;
        }

        return await IsStillValidAsync(userManager, authenticationState.User);
    }

    private async Task<bool> IsStillValidAsync(UserManager<PortalUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || !user.IsActive)
        {
            return false;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return principalStamp == userStamp;
    }
}
