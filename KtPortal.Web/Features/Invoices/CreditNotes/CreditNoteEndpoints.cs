using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Domain.Invoices.Rendering;

namespace KtPortal.Web.Features.Invoices.CreditNotes;

/// <summary>Where a credit note lives: its page, its PDF and the preview of its pages.</summary>
public static class CreditNoteLinks
{
    public static string Page(int creditNoteId) => $"/credit-notes/{creditNoteId}";

    public static string Pdf(int creditNoteId) => $"/credit-notes/{creditNoteId}/pdf";

    /// <summary>A credit note never changes, so its page images can carry just the id.</summary>
    public static string PageImage(int creditNoteId, int page) => $"/credit-notes/{creditNoteId}/pages/{page}.png";
}

/// <summary>The credit note PDF and its page images, drawn by the invoice renderer and scoped like the page.</summary>
internal static class CreditNoteEndpoints
{
    public static void MapCreditNoteEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/credit-notes/{id:int}/pdf", PdfAsync).RequireAuthorization();
        endpoints.MapGet("/credit-notes/{id:int}/pages/{page:int}.png", PageImageAsync).RequireAuthorization();
    }

    private static async Task<IResult> PdfAsync(int id, HttpContext context, CreditNoteQueries queries, InvoiceRenderer renderer, CancellationToken cancellationToken)
    {
        var note = await FindAsync(id, context, queries, cancellationToken);
        if (note is null)
        {
            return Results.NotFound();
        }

        Private(context);
        return Results.File(renderer.RenderPdf(note), "application/pdf", note.FileName);
    }

    private static async Task<IResult> PageImageAsync(int id, int page, HttpContext context, CreditNoteQueries queries, InvoiceRenderer renderer, CancellationToken cancellationToken)
    {
        var note = await FindAsync(id, context, queries, cancellationToken);
        if (note is null || page < 1 || page > renderer.PageCount(note))
        {
            return Results.NotFound();
        }

        Private(context);
        return Results.File(renderer.RenderPng(note, page - 1), "image/png");
    }

    /// <summary>Another client's credit note, or one the user may not see, is simply not found (404, not 403).</summary>
    private static async Task<CreditNoteDocument?> FindAsync(int id, HttpContext context, CreditNoteQueries queries, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        return actor is null ? null : await queries.GetAsync(actor, id, cancellationToken: cancellationToken);
    }

    private static void Private(HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
    }
}
