using KtPortal.Domain.Billing;

namespace KtPortal.Domain.Reports.Monthly;

/// <summary>
/// One client's month on one page, when a period closes: hours against the plan (the plans report's row for the
/// period), tickets raised and resolved in it with response and resolution times (the tickets report's figures), and the
/// invoices the period produced.
/// </summary>
public sealed record ClientMonthlyReport(
    int ClientId,
    string ClientName,
    PlanPeriodRow Hours,
    int TicketsRaised,
    int TicketsResolved,
    TimesSummary Times,
    IReadOnlyList<PeriodInvoiceLink> Invoices,
    string Currency)
{
    /// <summary>Service levels kept for the tickets raised in the period, per priority (<see cref="SlaAttainmentQueries"/>).</summary>
    public IReadOnlyList<SlaAttainmentRow> ServiceLevels { get; init; } = [];

    /// <summary>"92% (11 of 12)", all priorities together, or null when nothing was decided.</summary>
    public string? ResponsesOnTime => Share(ServiceLevels.Sum(r => r.ResponsesMet), ServiceLevels.Sum(r => r.Responses));

    public string? ResolutionsOnTime => Share(ServiceLevels.Sum(r => r.ResolutionsMet), ServiceLevels.Sum(r => r.Resolutions));

    private static string? Share(int met, int total) => SlaAttainmentRow.Percent(met, total) is { } percent ? $"{percent}% ({met} of {total})" : null;

    public BillingPeriodRange Period => Hours.Period;

    public string Title => $"{BillingText.Range(Period)}";

    public string FileName => $"report-{Period.Start:yyyy-MM-dd}.pdf";

    /// <summary>No plan, no time, no tickets and no invoices: nothing worth a report.</summary>
    public bool IsEmpty => !Hours.HasPlan && Hours.ChargedMinutes == 0 && TicketsRaised == 0 && TicketsResolved == 0 && Invoices.Count == 0;
}
