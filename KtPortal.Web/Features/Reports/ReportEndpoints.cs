using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Reports;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Reports;

/// <summary>
/// The reports' CSV files for staff (anyone else: 404): UTF-8 with a BOM and a header row, ISO dates, amounts in major
/// units with a point, a currency column, formula-looking text escaped. Columns: docs/reports.md.
/// </summary>
internal static class ReportEndpoints
{
    public static readonly string[] RevenueColumns = ["month", "client", "kind", "invoiced", "tax", "collected", "currency"];

    private static readonly HashSet<int> RevenueNumbers = [3, 4, 5];

    public static string RevenueCsvUrl(DateOnly from, DateOnly to, int? clientId) =>
        $"/reports/revenue.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}{(clientId is { } id ? $"&client={id}" : "")}";

    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/reports/revenue.csv", RevenueAsync).RequireAuthorization();

    private static async Task<IResult> RevenueAsync(string? from, string? to, string? client, HttpContext context, ReportQueries reports, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        if (actor is not { IsStaff: true })
        {
            return Results.NotFound();
        }

        const string Usage = "Give from=YYYY-MM-DD and to=YYYY-MM-DD, and optionally client=<id>.";
        if (!TryDay(from, out var first) || !TryDay(to, out var last))
        {
            return Results.Problem(Usage, statusCode: StatusCodes.Status400BadRequest);
        }

        int? clientId = null;
        if (!string.IsNullOrEmpty(client))
        {
            if (!int.TryParse(client, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Results.Problem(Usage, statusCode: StatusCodes.Status400BadRequest);
            }

            clientId = parsed;
        }

        RevenueReport report;
        try
        {
            report = await reports.RevenueAsync(actor, first, last, clientId, cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            return Results.Problem(string.Join(" ", ex.Errors.Values.SelectMany(m => m)), statusCode: StatusCodes.Status400BadRequest);
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(CsvFiles.Write(RevenueColumns, report.Rows.Select(r => new[]
        {
            r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.ClientName, RevenueReport.KindCode(r.Kind),
            Amount(r.InvoicedMinor), Amount(r.TaxMinor), Amount(r.CollectedMinor), report.Currency,
        }), RevenueNumbers), "text/csv; charset=utf-8", $"revenue-{first:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.csv");
    }

    /// <summary>"1234.56", "-20.00": major units, a point, no grouping or sign of currency.</summary>
    internal static string Amount(long minor) => Money.ToMajor(minor).ToString("0.00", CultureInfo.InvariantCulture);

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
