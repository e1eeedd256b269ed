using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;

namespace KtPortal.Web.Features.Tickets;

internal static class TicketEndpoints
{
    /// <summary>The download URL of an attachment; the same check as the ticket page decides who gets it.</summary>
    public static string AttachmentUrl(string displayNumber, int attachmentId) => $"/tickets/{displayNumber}/attachments/{attachmentId}";

    public static void MapTicketEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/tickets/{number}/attachments/{id:int}", DownloadAttachmentAsync).RequireAuthorization();
    }

    private static async Task<IResult> DownloadAttachmentAsync(
        string number, int id, HttpContext context, TicketConversationService conversation, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        if (actor is null || !TicketNumber.TryParse(number, out var ticketNumber))
        {
            return Results.NotFound();
        }

        try
        {
            var download = await conversation.OpenAttachmentAsync(actor, ticketNumber, id, cancellationToken);

            // Always a download with the original name, never rendered inline: uploaded HTML or SVG cannot run in our origin.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "private, no-store";
            return Results.File(download.Content, download.ContentType, download.FileName);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
    }
}
