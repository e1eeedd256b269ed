using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.InboundMail;
using KtPortal.Web.Security;

namespace KtPortal.Web.Features.InboundMail;

/// <summary>Downloads for staff: an inbound message exactly as it arrived, as an .eml any mail program opens.</summary>
internal static class InboundMailEndpoints
{
    public static void MapInboundMailEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/email/inbound/{id:long}/raw", async (long id, HttpContext http, InboundMailQueries queries, CancellationToken cancellationToken) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null || !actor.IsStaff)
            {
                return Results.NotFound();
            }

            try
            {
                var raw = await queries.RawAsync(actor, id, cancellationToken);
                return Results.File(raw, "message/rfc822", $"inbound-{id.ToString(CultureInfo.InvariantCulture)}.eml");
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization(Policies.Staff);
}
