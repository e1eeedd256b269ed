using KtPortal.Domain.Settings;

namespace KtPortal.Web.Features.Settings;

/// <summary>
/// The agency's logos, public: the sign-in page and e-mails show them to people not signed in. Each upload has its own
/// id and never changes, so it is cached for good.
/// </summary>
internal static class AgencyLogoEndpoints
{
    public static void MapAgencyLogoEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/agency/logo/{id:int}", GetAsync).AllowAnonymous();

    private static async Task<IResult> GetAsync(int id, HttpContext context, AgencySettingsService settings, CancellationToken cancellationToken)
    {
        var logo = await settings.GetLogoAsync(id, cancellationToken);
        if (logo is not { } found)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.File(found.Content, found.ContentType);
    }
}
