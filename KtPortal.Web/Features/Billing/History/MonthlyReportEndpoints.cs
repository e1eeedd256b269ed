using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Reports.Monthly;
using KtPortal.Domain.Settings;

namespace KtPortal.Web.Features.Billing.History;

/// <summary>
/// <c>GET /clients/{id}/monthly-report.pdf?period=YYYY-MM-DD</c>: the one-page report of the period that began that day,
/// for staff and the client's own admins (anyone else, or a period that does not exist: 404).
/// </summary>
internal static class MonthlyReportEndpoints
{
    public static string PdfUrl(int clientId, DateOnly periodStart) => $"/clients/{clientId}/monthly-report.pdf?period={periodStart:yyyy-MM-dd}";

    public static void MapMonthlyReportEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/clients/{id:int}/monthly-report.pdf", PdfAsync).RequireAuthorization();

    private static async Task<IResult> PdfAsync(
        int id, string? period, HttpContext context, ClientMonthlyReportQueries reports, AgencyProfile agency, AgencySettingsService settings,
        CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(period, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return Results.Problem("Give the period's first day as period=YYYY-MM-DD.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (Actor.FromPrincipal(context.User) is not { } actor || await reports.GetAsync(actor, id, start, cancellationToken) is not { } report)
        {
            return Results.NotFound();
        }

        var logo = agency.LogoId is { } logoId ? (await settings.GetLogoAsync(logoId, cancellationToken))?.Content : null;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(ClientReportRenderer.RenderPdf(report, agency, logo), "application/pdf", report.FileName);
    }
}
