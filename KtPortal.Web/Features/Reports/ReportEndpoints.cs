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

    public static readonly string[] TimeColumns = ["date", "staff", "client", "ticket", "work_type", "hours", "billable", "charged_hours", "invoice"];

    private static readonly HashSet<int> TimeNumbers = [5, 7];

    public static readonly string[] ReceivablesColumns =
        ["client", "as_of", "balance", "not_yet_due", "days_1_30", "days_31_60", "days_61_90", "over_90_days", "credit", "currency"];

    private static readonly HashSet<int> ReceivablesNumbers = [2, 3, 4, 5, 6, 7, 8];

    public static readonly string[] UnbilledColumns = ["client", "pending_charges", "unbilled_hours", "unbilled_charged_hours", "drafts", "drafts_total", "currency"];

    private static readonly HashSet<int> UnbilledNumbers = [1, 2, 3, 4, 5];

    public const string UnbilledCsvPath = "/reports/unbilled.csv";

    private const string Usage = "Give from=YYYY-MM-DD and to=YYYY-MM-DD, and optionally client=<id>.";

    public static string RevenueCsvUrl(DateOnly from, DateOnly to, int? clientId) =>
        $"/reports/revenue.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}{(clientId is { } id ? $"&client={id}" : "")}";

    public static string TimeCsvUrl(DateOnly from, DateOnly to, int? clientId) =>
        $"/reports/time.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}{(clientId is { } id ? $"&client={id}" : "")}";

    public static string ReceivablesCsvUrl(DateOnly asOf, int? clientId) =>
        $"/reports/receivables.csv?as_of={asOf:yyyy-MM-dd}{(clientId is { } id ? $"&client={id}" : "")}";

    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/revenue.csv", RevenueAsync).RequireAuthorization();
        endpoints.MapGet("/reports/time.csv", TimeAsync).RequireAuthorization();
        endpoints.MapGet("/reports/receivables.csv", ReceivablesAsync).RequireAuthorization();
        endpoints.MapGet(UnbilledCsvPath, UnbilledAsync).RequireAuthorization();
    }

    private static async Task<IResult> UnbilledAsync(string? client, HttpContext context, ReportQueries reports, PortalClock clock, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        if (actor is not { IsStaff: true })
        {
            return Results.NotFound();
        }

        if (!TryClient(client, out var clientId))
        {
            return Results.Problem("client must be a client id.", statusCode: StatusCodes.Status400BadRequest);
        }

        var report = await reports.UnbilledAsync(actor, clientId, cancellationToken);
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(CsvFiles.Write(UnbilledColumns, report.Rows.Select(r => new[]
        {
            r.ClientName, Amount(r.PendingChargesMinor), Hours.FormatFixed(r.UnbilledMinutes), Hours.FormatFixed(r.UnbilledChargedMinutes),
            r.DraftCount.ToString(CultureInfo.InvariantCulture), Amount(r.DraftsMinor), report.Currency,
        }), UnbilledNumbers), "text/csv; charset=utf-8", $"unbilled-{clock.Today:yyyy-MM-dd}.csv");
    }

    private static async Task<IResult> TimeAsync(string? from, string? to, string? client, HttpContext context, ReportQueries reports, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        if (actor is not { IsStaff: true })
        {
            return Results.NotFound();
        }

        if (!TryDay(from, out var first) || !TryDay(to, out var last) || !TryClient(client, out var clientId))
        {
            return Results.Problem(Usage, statusCode: StatusCodes.Status400BadRequest);
        }

        TimeEntryReport report;
        try
        {
            report = await reports.TimeEntriesAsync(actor, first, last, clientId, cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            return Results.Problem(string.Join(" ", ex.Errors.Values.SelectMany(m => m)), statusCode: StatusCodes.Status400BadRequest);
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(CsvFiles.Write(TimeColumns, report.Rows.OrderBy(r => r.Date).ThenBy(r => r.Id).Select(r => new[]
        {
            r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.StaffName, r.ClientName, Domain.Tickets.TicketNumber.Format(r.TicketNumber),
            r.WorkType.ToString().ToLowerInvariant(), Hours.FormatFixed(r.Minutes), r.Billable ? "true" : "false", Hours.FormatFixed(r.ChargedMinutes), r.InvoiceNumber ?? string.Empty,
        }), TimeNumbers), "text/csv; charset=utf-8", $"time-{first:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.csv");
    }

    private static async Task<IResult> ReceivablesAsync(string? as_of, string? client, HttpContext context, ReportQueries reports, PortalClock clock, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        if (actor is not { IsStaff: true })
        {
            return Results.NotFound();
        }

        var day = clock.Today;
        if ((!string.IsNullOrEmpty(as_of) && !TryDay(as_of, out day)) || !TryClient(client, out var clientId))
        {
            return Results.Problem("Give as_of=YYYY-MM-DD (or nothing, for today), and optionally client=<id>.", statusCode: StatusCodes.Status400BadRequest);
        }

        var report = await reports.ReceivablesAsync(actor, day, clientId, cancellationToken);
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(CsvFiles.Write(ReceivablesColumns, report.Rows.Select(r => new[]
        {
            r.ClientName, report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Amount(r.BalanceMinor), Amount(r.Aging.CurrentMinor),
            Amount(r.Aging.Days1To30Minor), Amount(r.Aging.Days31To60Minor), Amount(r.Aging.Days61To90Minor), Amount(r.Aging.Over90Minor), Amount(r.CreditMinor),
            report.Currency,
        }), ReceivablesNumbers), "text/csv; charset=utf-8", $"receivables-{day:yyyy-MM-dd}.csv");
    }

    private static bool TryClient(string? text, out int? clientId)
    {
        clientId = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        clientId = parsed;
        return true;
    }

    private static async Task<IResult> RevenueAsync(string? from, string? to, string? client, HttpContext context, ReportQueries reports, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        if (actor is not { IsStaff: true })
        {
            return Results.NotFound();
        }

        if (!TryDay(from, out var first) || !TryDay(to, out var last) || !TryClient(client, out var clientId))
        {
            return Results.Problem(Usage, statusCode: StatusCodes.Status400BadRequest);
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
