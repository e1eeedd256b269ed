using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Rendering;

namespace KtPortal.Web.Features.Invoices;

/// <summary>The invoice PDF and the preview images of its pages, drawn by the same routine and scoped like the page.</summary>
internal static class InvoiceEndpoints
{
    public static string PdfUrl(int invoiceId, bool inline = false) => inline ? $"/invoices/{invoiceId}/pdf?inline=1" : $"/invoices/{invoiceId}/pdf";

    /// <summary>The stamp in the URL changes whenever the invoice does, so a browser never shows a stale page.</summary>
    public static string PageImageUrl(int invoiceId, int page, Guid stamp) => $"/invoices/{invoiceId}/pages/{page}.png?v={stamp:N}";

    public static void MapInvoiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/invoices/{id:int}/pdf", DownloadPdfAsync).RequireAuthorization();
        endpoints.MapGet("/invoices/{id:int}/pages/{page:int}.png", PageImageAsync).RequireAuthorization();
    }

    private static async Task<IResult> DownloadPdfAsync(
        int id, string? inline, HttpContext context, InvoiceQueries queries, InvoiceRenderer renderer, CancellationToken cancellationToken)
    {
        // `?inline=1` is what the page links to; a bool parameter would refuse "1" before the handler ran.
        if (!TryReadFlag(inline, out var showInline))
        {
            return Results.Problem("inline must be 1 or 0 (or true or false).", statusCode: StatusCodes.Status400BadRequest);
        }

        var invoice = await FindAsync(id, context, queries, cancellationToken);
        if (invoice is null)
        {
            return Results.NotFound();
        }

        NoCaching(context);
        var pdf = renderer.RenderPdf(invoice);
        return showInline
            ? Results.File(pdf, "application/pdf")
            : Results.File(pdf, "application/pdf", invoice.FileName);
    }

    private static async Task<IResult> PageImageAsync(
        int id, int page, HttpContext context, InvoiceQueries queries, InvoiceRenderer renderer, CancellationToken cancellationToken)
    {
        var invoice = await FindAsync(id, context, queries, cancellationToken);
        if (invoice is null || page < 1 || page > renderer.PageCount(invoice))
        {
            return Results.NotFound();
        }

        NoCaching(context);
        return Results.File(renderer.RenderPng(invoice, page - 1), "image/png");
    }

    /// <summary>Another client's invoice, or one the user may not see, is simply not found (404, not 403).</summary>
    private static async Task<InvoiceDocument?> FindAsync(int id, HttpContext context, InvoiceQueries queries, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        return actor is null ? null : await queries.GetAsync(actor, id, cancellationToken);
    }

    private static bool TryReadFlag(string? text, out bool value)
    {
        value = false;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "0" or "false":
                return true;
            case "1" or "true":
                value = true;
                return true;
            default:
                return false;
        }
    }

    private static void NoCaching(HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
    }
}
