using System.Globalization;
using CsvHelper;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Web.Components.Shared;
using KtPortal.Web.Security;

namespace KtPortal.Web.Features.Audit;

/// <summary>The audit trail as CSV for admins, with the page's filters in the query string.</summary>
internal static class AuditEndpoints
{
    public const string CsvPath = "/settings/audit.csv";

    public static void MapAuditEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(CsvPath, ExportAsync).RequireAuthorization(Policies.Admin);

    private static async Task<IResult> ExportAsync(
        string? kind, string? client, string? from, string? to, HttpContext context, AuditQueries queries, PortalClock clock, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(kind) && !AuditKinds.IsKnown(kind))
        {
            errors.Add($"kind must be one of: {string.Join(", ", AuditKinds.All.Select(k => k.Kind))}.");
        }

        var clientId = ParseInt(client, "client", errors);
        var fromDate = ParseDate(from, "from", errors);
        var toDate = ParseDate(to, "to", errors);
        if (fromDate > toDate)
        {
            errors.Add("from must not be after to.");
        }

        if (errors.Count > 0)
        {
            return Results.Problem(string.Join(" ", errors), statusCode: StatusCodes.Status400BadRequest);
        }

        var actor = Actor.FromPrincipal(context.User) ?? throw new InvalidOperationException("An admin page without a signed-in actor.");
        var rows = await queries.ExportAsync(actor, new AuditFilter(NullIfEmpty(kind), clientId, null, fromDate, toDate), cancellationToken);
        var csv = Write(rows, clock);
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(csv, "text/csv; charset=utf-8", $"audit-{clock.Today:yyyy-MM-dd}.csv");
    }

    /// <summary>UTF-8 with a BOM (spreadsheet programs read accents right), and cells that look like formulas escaped.</summary>
    internal static byte[] Write(IReadOnlyList<AuditRow> rows, PortalClock clock)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteRecord(["When (portal time)", "Who", "Kind", "What", "Subject", "Client", "Before", "After", "IP address"]);
            foreach (var row in rows)
            {
                csv.WriteRecord([clock.Format(row.AtUtc), row.ActorName, row.Kind, row.KindLabel, row.Subject, row.ClientName ?? "",
                    row.Before ?? "", row.After ?? "", row.IpAddress ?? ""]);
            }
        }

        return buffer.ToArray();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? ParseInt(string? value, string name, List<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add($"{name} must be a client id.");
        return null;
    }

    private static DateOnly? ParseDate(string? value, string name, List<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"{name} must be a date as yyyy-MM-dd.");
        return null;
    }
}
