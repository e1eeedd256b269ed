using KtPortal.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace KtPortal.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>Sign-out is a POST (antiforgery-checked) so that a link on another site cannot sign anyone out.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var accountGroup = endpoints.MapGroup("/Account");
        accountGroup.MapPost("/Logout", async (
            HttpContext context,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] SignInAudit audit,
            [FromForm] string? returnUrl) =>
        {
            var userId = signInManager.UserManager.GetUserId(context.User);
            await signInManager.SignOutAsync();
            await audit.RecordForUserAsync(KtPortal.Domain.Audit.AuditKinds.SignOut, userId);
            var baseUri = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
            return TypedResults.LocalRedirect("~/" + Security.ReturnUrls.ToLocalPath(returnUrl, baseUri));
        });
        return accountGroup;
    }
}
