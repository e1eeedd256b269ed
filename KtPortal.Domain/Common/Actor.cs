using System.Security.Claims;

namespace KtPortal.Domain.Common;

/// <summary>
/// Who is acting. Every service method takes one, and client users are scoped to
/// <see cref="ClientId"/> inside the queries themselves, whatever id they pass.
/// </summary>
public sealed record Actor(string UserId, string Role, int? ClientId)
{
    public const string ClientIdClaimType = "ktportal:client_id";

    /// <summary>The portal itself (jobs, the seeder, the CLI).</summary>
    public static readonly Actor System = new("system", PortalRoles.Admin, null);

    public bool IsStaff => PortalRoles.IsStaffRole(Role);

    public bool IsAdmin => Role == PortalRoles.Admin;

    public bool IsClientUser => PortalRoles.IsClientRole(Role);

    public bool IsClientAdmin => Role == PortalRoles.ClientAdmin;

    /// <summary>Refuses anyone but staff: "Only staff can {what}." (<see cref="ForbiddenException"/>).</summary>
    public static void RequireStaff(Actor actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsStaff)
        {
            throw new ForbiddenException($"Only staff can {what}.");
        }
    }

    /// <summary>Refuses anyone but an admin: the thing is not there for them (<see cref="NotFoundException"/>), as for agency settings.</summary>
    public static void RequireAdmin(Actor actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new NotFoundException(what);
        }
    }

    /// <summary>True when this actor may see data that belongs to <paramref name="clientId"/>.</summary>
    public bool CanSeeClient(int clientId) => IsStaff || ClientId == clientId;

    /// <summary>
    /// Builds the actor from a signed-in principal. Returns null for anonymous users and for
    /// principals whose claims do not make a valid actor (a client role without a client).
    /// </summary>
    public static Actor? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = PortalRoles.All.FirstOrDefault(principal.IsInRole);
        if (userId is null || role is null)
        {
            return null;
        }

        int? clientId = int.TryParse(principal.FindFirstValue(ClientIdClaimType), out var id) ? id : null;
        if (PortalRoles.IsClientRole(role) && clientId is null)
        {
            return null;
        }

        return new Actor(userId, role, PortalRoles.IsClientRole(role) ? clientId : null);
    }
}
