using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices.Rendering;
using KtPortal.Domain.Invoices.Statements;
using KtPortal.Domain.Settings;

namespace KtPortal.Web.Features.Invoices.Statements;

/// <summary><c>GET /clients/{id}/statement/pdf?from=&amp;to=</c>: the statement page's figures as a PDF, scoped like the page.</summary>
internal static class StatementEndpoints
{
    public static string PdfUrl(int clientId, DateOnly from, DateOnly to) =>
        $"/clients/{clientId}/statement/pdf?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    public static void MapStatementEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/clients/{id:int}/statement/pdf", PdfAsync).RequireAuthorization();

    private static async Task<IResult> PdfAsync(
        int id, string? from, string? to, HttpContext context, StatementQueries statements, InvoiceRenderer renderer, AgencyProfile agency,
        AgencySettingsService settings, CancellationToken cancellationToken)
    {
        if (!TryDay(from, out var first) || !TryDay(to, out var last))
        {
            return Results.Problem("Give the first and last day as from=YYYY-MM-DD and to=YYYY-MM-DD.", statusCode: StatusCodes.Status400BadRequest);
        }

        var actor = Actor.FromPrincipal(context.User);
        if (actor is null)
        {
            return Results.NotFound();
        }

        ClientStatement statement;
        try
        {
            statement = await statements.GetAsync(actor, id, first, last, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Another client's statement, or one the user may not see, is simply not found.
            return Results.NotFound();
        }
        catch (ValidationFailedException ex)
        {
            return Results.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var logo = agency.LogoId is { } logoId ? (await settings.GetLogoAsync(logoId, cancellationToken))?.Content : null;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(renderer.RenderPdf(statement, agency, logo), "application/pdf", StatementWording.FileName(statement));
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
