using KtPortal.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace KtPortal.Domain.Seeding;

/// <summary>Makes sure the four roles exist; runs on every start, in every environment.</summary>
public sealed class RoleSeeder(RoleManager<IdentityRole> roleManager)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                var result = await roleManager.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
