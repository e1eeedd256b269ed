using System.Globalization;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Reports;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Reports;

/// <summary>
/// The reports as CSV (columns: docs/reports.md): UTF-8 with a BOM and a header row, ISO dates, hours and amounts in
/// major units with a point and no grouping, a currency column where there is money, formula-looking text escaped.
/// </summary>
internal static class ReportCsv
{
    public static readonly string[] RevenueColumns = ["month", "client", "kind", "invoiced", "tax", "collected", "currency"];

    public static readonly string[] TimeColumns = ["date", "staff", "client", "ticket", "work_type", "hours", "billable", "charged_hours", "invoice"];

    public static readonly string[] PlansColumns =
        ["client", "period_start", "period_end", "included_hours", "used_hours", "overage_hours", "out_of_plan_hours", "fee", "usage_invoiced", "currency"];

    public static readonly string[] UtilizationColumns =
        ["staff", "period_start", "period_end", "logged_hours", "billable_hours", "charged_hours", "capacity_hours", "billable_share_percent", "utilization_percent"];

    public static readonly string[] TicketFlowColumns = ["week_start", "created", "resolved"];

    public static readonly string[] TicketTimesColumns =
        ["priority", "type", "responded", "median_first_response_hours", "p90_first_response_hours", "resolved", "median_resolution_hours", "p90_resolution_hours"];

    public static readonly string[] BacklogColumns = ["status", "age", "count"];

    public static readonly string[] SlaAttainmentColumns =
        ["client", "priority", "responses_met", "responses_decided", "response_percent", "resolutions_met", "resolutions_decided", "resolution_percent"];

    public static readonly string[] ReceivablesColumns =
        ["client", "as_of", "balance", "not_yet_due", "days_1_30", "days_31_60", "days_61_90", "over_90_days", "credit", "currency"];

    public static readonly string[] UnbilledColumns = ["client", "pending_charges", "unbilled_hours", "unbilled_charged_hours", "drafts", "drafts_total", "currency"];

    public static byte[] Revenue(RevenueReport report) => CsvFiles.Write(RevenueColumns, report.Rows.Select(r => new[]
    {
        r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.ClientName, RevenueReport.KindCode(r.Kind),
        Amount(r.InvoicedMinor), Amount(r.TaxMinor), Amount(r.CollectedMinor), report.Currency,
    }), new HashSet<int> { 3, 4, 5 });

    public static byte[] TimeEntries(TimeEntryReport report) => CsvFiles.Write(TimeColumns, report.Rows.OrderBy(r => r.Date).ThenBy(r => r.Id).Select(r => new[]
    {
        Day(r.Date), r.StaffName, r.ClientName, Domain.Tickets.TicketNumber.Format(r.TicketNumber), r.WorkType.ToString().ToLowerInvariant(),
        Hours.FormatFixed(r.Minutes), r.Billable ? "true" : "false", Hours.FormatFixed(r.ChargedMinutes), r.InvoiceNumber ?? string.Empty,
    }), new HashSet<int> { 5, 7 });

    /// <summary>period_end is the period's last day (the engine's end is the next period's first).</summary>
    public static byte[] Plans(PlansReport report) => CsvFiles.Write(PlansColumns, report.Rows.Select(r => new[]
    {
        r.ClientName, Day(r.Period.Start), Day(r.Period.End.AddDays(-1)), Hours.FormatFixed(r.IncludedMinutes), Hours.FormatFixed(r.UsedMinutes),
        Hours.FormatFixed(r.OverageMinutes), Hours.FormatFixed(r.OutOfPlanMinutes), Amount(r.FeeMinor), Amount(r.UsageInvoicedMinor), report.Currency,
    }), new HashSet<int> { 3, 4, 5, 6, 7, 8 });

    /// <summary>Percentages are whole numbers; empty where there is nothing to divide by (nothing logged, capacity not tracked).</summary>
    public static byte[] Utilization(UtilizationReport report) => CsvFiles.Write(UtilizationColumns, report.Cells.Select(c => new[]
    {
        c.StaffName, Day(c.Bucket.Start), Day(c.Bucket.End), Hours.FormatFixed(c.LoggedMinutes), Hours.FormatFixed(c.BillableMinutes),
        Hours.FormatFixed(c.ChargedMinutes), Hours.FormatFixed(c.CapacityMinutes),
        c.BillableSharePercent?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, c.UtilizationPercent?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
    }), new HashSet<int> { 3, 4, 5, 6, 7, 8 });

    public static byte[] TicketFlow(TicketsReport report) => CsvFiles.Write(TicketFlowColumns, report.Weeks.Select(w => new[]
    {
        Day(w.Start), Count(w.Created), Count(w.Resolved),
    }), new HashSet<int> { 1, 2 });

    /// <summary>Times in hours with two decimals; empty where there is nothing to measure.</summary>
    public static byte[] TicketTimes(TicketsReport report) => CsvFiles.Write(TicketTimesColumns, report.Times.Select(t => new[]
    {
        Code(t.Priority), Code(t.Type), Count(t.Responded), HoursOrEmpty(t.MedianFirstResponseMinutes), HoursOrEmpty(t.P90FirstResponseMinutes),
        Count(t.Resolved), HoursOrEmpty(t.MedianResolutionMinutes), HoursOrEmpty(t.P90ResolutionMinutes),
    }), new HashSet<int> { 2, 3, 4, 5, 6, 7 });

    public static byte[] SlaAttainment(IReadOnlyList<KtPortal.Domain.Reports.SlaAttainmentRow> rows) => CsvFiles.Write(SlaAttainmentColumns, rows.Select(r => new[]
    {
        r.ClientName, Code(r.Priority), Count(r.ResponsesMet), Count(r.Responses), Percent(r.ResponsePercent),
        Count(r.ResolutionsMet), Count(r.Resolutions), Percent(r.ResolutionPercent),
    }), new HashSet<int> { 2, 3, 4, 5, 6, 7 });

    private static string Percent(int? percent) => percent?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public static byte[] Backlog(TicketsReport report) => CsvFiles.Write(BacklogColumns, report.Backlog.Select(b => new[]
    {
        Code(b.Status), Code(b.Age), Count(b.Count),
    }), new HashSet<int> { 2 });

    public static byte[] Receivables(ReceivablesReport report) => CsvFiles.Write(ReceivablesColumns, report.Rows.Select(r => new[]
    {
        r.ClientName, Day(report.AsOf), Amount(r.BalanceMinor), Amount(r.Aging.CurrentMinor), Amount(r.Aging.Days1To30Minor),
        Amount(r.Aging.Days31To60Minor), Amount(r.Aging.Days61To90Minor), Amount(r.Aging.Over90Minor), Amount(r.CreditMinor), report.Currency,
    }), new HashSet<int> { 2, 3, 4, 5, 6, 7, 8 });

    public static byte[] Unbilled(UnbilledReport report) => CsvFiles.Write(UnbilledColumns, report.Rows.Select(r => new[]
    {
        r.ClientName, Amount(r.PendingChargesMinor), Hours.FormatFixed(r.UnbilledMinutes), Hours.FormatFixed(r.UnbilledChargedMinutes),
        r.DraftCount.ToString(CultureInfo.InvariantCulture), Amount(r.DraftsMinor), report.Currency,
    }), new HashSet<int> { 1, 2, 3, 4, 5 });

    /// <summary>"1234.56", "-20.00": major units, a point, no grouping or sign of currency.</summary>
    internal static string Amount(long minor) => Money.ToMajor(minor).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"InProgress" → "in_progress": enum names as CSV codes.</summary>
    private static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string HoursOrEmpty(int? minutes) => minutes is { } m ? Hours.FormatFixed(m) : string.Empty;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
