using KtPortal.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace KtPortal.Web.Security;

/// <summary>
/// The signed-in user as an <see cref="Actor"/>, for interactive components. It reads the
/// circuit's <see cref="AuthenticationStateProvider"/>, never the HttpContext (gone after prerender).
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authenticationStateProvider)
{
    /// <summary>The actor, or null for an anonymous user.</summary>
    public async Task<Actor?> FindAsync()
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        return Actor.FromPrincipal(state.User);
    }

    /// <summary>The actor; pages behind an authorization policy can rely on there being one.</summary>
    public async Task<Actor> GetAsync() =>
        await FindAsync() ?? throw new InvalidOperationException("This page needs a signed-in user.");
}
