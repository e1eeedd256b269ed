using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices.Export;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Invoices;

/// <summary>
/// <c>GET /invoices/export?from=&amp;to=</c>: the accounting journal as CSV for staff (anyone else: 404). Without a range,
/// last month. Columns and how QuickBooks Online and Xero map them: docs/accounting-export.md.
/// </summary>
internal static class InvoiceExportEndpoints
{
    public const string Path = "/invoices/export";

    /// <summary>The header row, in order (the import mapping in the docs names these).</summary>
    public static readonly string[] Columns =
    [
        "Date", "Type", "Number", "AppliesTo", "Client", "ClientEmail", "Description", "Account", "Quantity", "UnitAmount",
        "NetAmount", "TaxRate", "TaxAmount", "GrossAmount", "Currency", "DueDate", "PaymentMethod", "Reference",
    ];

    private static readonly HashSet<int> NumberColumns = [9, 10, 11, 12, 13];

    public static string Url(DateOnly from, DateOnly to) => $"{Path}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    public static void MapInvoiceExportEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization();

    private static async Task<IResult> ExportAsync(string? from, string? to, HttpContext context, JournalQueries journal, PortalClock clock, CancellationToken cancellationToken)
    {
        var actor = Actor.FromPrincipal(context.User);
        if (actor is not { IsStaff: true })
        {
            return Results.NotFound();
        }

        var lastMonthEnd = new DateOnly(clock.Today.Year, clock.Today.Month, 1).AddDays(-1);
        var first = new DateOnly(lastMonthEnd.Year, lastMonthEnd.Month, 1);
        var last = lastMonthEnd;
        if (!string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to))
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)
                || !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last))
            {
                return Results.Problem("Give the first and last day as from=YYYY-MM-DD and to=YYYY-MM-DD (or neither, for last month).", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        IReadOnlyList<JournalRow> rows;
        try
        {
            rows = await journal.GetAsync(actor, first, last, cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            return Results.Problem(string.Join(" ", ex.Errors.Values.SelectMany(m => m)), statusCode: StatusCodes.Status400BadRequest);
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(Write(rows), "text/csv; charset=utf-8", $"journal-{first:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.csv");
    }

    /// <summary>UTF-8 with a BOM, amounts in major units with a point, text that looks like a formula escaped.</summary>
    internal static byte[] Write(IReadOnlyList<JournalRow> rows) =>
        CsvFiles.Write(Columns, rows.Select(r => new[]
        {
            r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Type.ToString(), r.Number, r.AppliesTo, r.ClientName, r.ClientEmail,
            r.Description, r.Account, r.Quantity, Amount(r.UnitAmountMinor), Amount(r.NetMinor),
            (r.TaxBasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture), Amount(r.TaxMinor), Amount(r.GrossMinor), r.Currency,
            r.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, r.PaymentMethod, r.Reference,
        }), NumberColumns);

    /// <summary>Minor units as "1234.56": no currency sign or grouping, which importers read as text.</summary>
    private static string Amount(long minor) => Money.ToMajor(minor).ToString("0.00", CultureInfo.InvariantCulture);
}
