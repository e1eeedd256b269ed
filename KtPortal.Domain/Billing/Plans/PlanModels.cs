namespace KtPortal.Domain.Billing.Plans;

/// <summary>A plan's terms as staff type them; money in minor units, hours in minutes.</summary>
public sealed record PlanInput(
    string Name,
    int IncludedMinutes,
    IReadOnlyCollection<int> CoveredSupportTypeIds,
    long DevelopmentRateMinor,
    long SupportRateMinor,
    long MonthlyFeeMinor,
    int CycleDay,
    DateOnly StartDate);

public enum PlanState
{
    Upcoming,
    Active,
    Ending,
    Ended,
}

/// <summary>A plan with its state on the portal's today.</summary>
public sealed record PlanView(
    int Id,
    int ClientId,
    string Name,
    int IncludedMinutes,
    IReadOnlyList<int> CoveredSupportTypeIds,
    IReadOnlyList<string> CoveredSupportTypeNames,
    long DevelopmentRateMinor,
    long SupportRateMinor,
    long MonthlyFeeMinor,
    int CycleDay,
    DateOnly StartDate,
    DateOnly? EndDate,
    PlanState State,
    Guid ConcurrencyStamp);

/// <summary>One period of a client's history: the terms it ran on and what was used.</summary>
public sealed record PeriodHistoryRow(
    Billing.BillingPeriodRange Period,
    string? PlanName,
    int IncludedMinutes,
    int UsedMinutes,
    int OverageMinutes,
    int OutOfPlanMinutes,
    long MonthlyFeeMinor,
    long DevelopmentRateMinor,
    long SupportRateMinor,
    bool Closed);

/// <summary>
/// Everything the client page shows about plans: the current or next plan, all plans, the periods (newest first) and
/// the current period, whose end is when edits and an ended plan take effect.
/// </summary>
public sealed record PlanHistory(
    PlanView? Current, IReadOnlyList<PlanView> Plans, IReadOnlyList<PeriodHistoryRow> Periods, Billing.BillingPeriodRange CurrentPeriod, string Currency)
{
    /// <summary>The client is asked before covered time past the plan's hours is billed (billing-rules.md reading 24).</summary>
    public bool AskBeforeOverage { get; init; }
}
