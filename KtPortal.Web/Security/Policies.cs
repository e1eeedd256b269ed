using KtPortal.Domain.Common;
using Microsoft.AspNetCore.Authorization;

namespace KtPortal.Web.Security;

/// <summary>Authorization policies for pages and endpoints. The services check the actor again; these only route.</summary>
public static class Policies
{
    public const string Staff = "Staff";
    public const string ClientUser = "ClientUser";
    public const string ClientAdmin = "ClientAdmin";
    public const string Admin = "Admin";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Admin, p => p.RequireRole(PortalRoles.Admin));
        options.AddPolicy(Staff, p => p.RequireRole(PortalRoles.Admin, PortalRoles.Staff));
        options.AddPolicy(ClientUser, p => p.RequireRole(PortalRoles.ClientAdmin, PortalRoles.ClientUser)
            .RequireClaim(Actor.ClientIdClaimType));
        options.AddPolicy(ClientAdmin, p => p.RequireRole(PortalRoles.ClientAdmin).RequireClaim(Actor.ClientIdClaimType));
    }
}
