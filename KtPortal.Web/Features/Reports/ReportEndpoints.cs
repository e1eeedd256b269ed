using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Reports;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Reports;

/// <summary>
/// The reports' CSV routes for staff (anyone else: 404). A range report takes from=YYYY-MM-DD and to=YYYY-MM-DD and
/// optionally client=&lt;id&gt;; anything else is a 400 that says what to give. Files: <see cref="ReportCsv"/>.
/// </summary>
internal static class ReportEndpoints
{
    public const string UnbilledCsvPath = "/reports/unbilled.csv";

    private const string Usage = "Give from=YYYY-MM-DD and to=YYYY-MM-DD, and optionally client=<id>.";

    public static string RevenueCsvUrl(DateOnly from, DateOnly to, int? clientId) => RangeUrl("revenue", from, to, clientId);

    public static string TimeCsvUrl(DateOnly from, DateOnly to, int? clientId) => RangeUrl("time", from, to, clientId);

    public static string PlansCsvUrl(DateOnly from, DateOnly to, int? clientId) => RangeUrl("plans", from, to, clientId);

    public static string UtilizationCsvUrl(DateOnly from, DateOnly to, UtilizationGrain grain) =>
        $"{RangeUrl("utilization", from, to, null)}&grain={grain.ToString().ToLowerInvariant()}";

    public static string TicketsCsvUrl(string table, DateOnly from, DateOnly to, int? clientId) => RangeUrl(table, from, to, clientId);

    public static string ReceivablesCsvUrl(DateOnly asOf, int? clientId) =>
        $"/reports/receivables.csv?as_of={asOf:yyyy-MM-dd}{ClientQuery(clientId)}";

    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/revenue.csv", (string? from, string? to, string? client, HttpContext context, ReportQueries reports, CancellationToken ct) =>
            RangeCsvAsync(from, to, client, context, "revenue", (actor, first, last, id) => reports.RevenueAsync(actor, first, last, id, ct), ReportCsv.Revenue)).RequireAuthorization();
        endpoints.MapGet("/reports/time.csv", (string? from, string? to, string? client, HttpContext context, ReportQueries reports, CancellationToken ct) =>
            RangeCsvAsync(from, to, client, context, "time", (actor, first, last, id) => reports.TimeEntriesAsync(actor, first, last, id, ct), ReportCsv.TimeEntries)).RequireAuthorization();
        endpoints.MapGet("/reports/plans.csv", (string? from, string? to, string? client, HttpContext context, PlanReportQueries reports, CancellationToken ct) =>
            RangeCsvAsync(from, to, client, context, "plans", (actor, first, last, id) => reports.PlansAsync(actor, first, last, id, ct), ReportCsv.Plans)).RequireAuthorization();
        endpoints.MapGet("/reports/utilization.csv", (string? from, string? to, string? grain, HttpContext context, UtilizationQueries reports, CancellationToken ct) =>
            TryGrain(grain, out var by)
                ? RangeCsvAsync(from, to, null, context, "utilization", (actor, first, last, _) => reports.GetAsync(actor, first, last, by, ct), ReportCsv.Utilization)
                : Task.FromResult(Actor.FromPrincipal(context.User) is { IsStaff: true }
                    ? Results.Problem("grain is week or month.", statusCode: StatusCodes.Status400BadRequest)
                    : Results.NotFound())).RequireAuthorization();
        foreach (var (table, write) in new (string, Func<TicketsReport, byte[]>)[] { ("tickets", ReportCsv.TicketFlow), ("ticket-times", ReportCsv.TicketTimes), ("backlog", ReportCsv.Backlog) })
        {
            endpoints.MapGet($"/reports/{table}.csv", (string? from, string? to, string? client, HttpContext context, TicketReportQueries reports, CancellationToken ct) =>
                RangeCsvAsync(from, to, client, context, table, (actor, first, last, id) => reports.GetAsync(actor, first, last, id, ct), write)).RequireAuthorization();
        }

        endpoints.MapGet("/reports/sla.csv", (string? from, string? to, string? client, HttpContext context, KtPortal.Domain.Reports.SlaAttainmentQueries reports, CancellationToken ct) =>
            RangeCsvAsync(from, to, client, context, "sla", (actor, first, last, id) => reports.GetAsync(actor, first, last, id, ct), ReportCsv.SlaAttainment)).RequireAuthorization();
        endpoints.MapGet("/reports/receivables.csv", ReceivablesAsync).RequireAuthorization();
        endpoints.MapGet(UnbilledCsvPath, UnbilledAsync).RequireAuthorization();
    }

    private static string RangeUrl(string report, DateOnly from, DateOnly to, int? clientId) =>
        $"/reports/{report}.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}{ClientQuery(clientId)}";

    private static string ClientQuery(int? clientId) => clientId is { } id ? $"&client={id}" : string.Empty;

    private static async Task<IResult> RangeCsvAsync<TReport>(
        string? from, string? to, string? client, HttpContext context, string name,
        Func<Actor, DateOnly, DateOnly, int?, Task<TReport>> read, Func<TReport, byte[]> write)
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

        TReport report;
        try
        {
            report = await read(actor, first, last, clientId);
        }
        catch (ValidationFailedException ex)
        {
            return Results.Problem(string.Join(" ", ex.Errors.Values.SelectMany(m => m)), statusCode: StatusCodes.Status400BadRequest);
        }

        return File(context, write(report), $"{name}-{first:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.csv");
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

        return File(context, ReportCsv.Unbilled(await reports.UnbilledAsync(actor, clientId, cancellationToken)), $"unbilled-{clock.Today:yyyy-MM-dd}.csv");
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

        return File(context, ReportCsv.Receivables(await reports.ReceivablesAsync(actor, day, clientId, cancellationToken)), $"receivables-{day:yyyy-MM-dd}.csv");
    }

    private static IResult File(HttpContext context, byte[] csv, string fileName)
    {
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(csv, "text/csv; charset=utf-8", fileName);
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

    /// <summary>week (the default) or month.</summary>
    private static bool TryGrain(string? text, out UtilizationGrain grain)
    {
        grain = text is "month" ? UtilizationGrain.Month : UtilizationGrain.Week;
        return text is null or "" or "week" or "month";
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
