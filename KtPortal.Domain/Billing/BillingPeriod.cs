using KtPortal.Domain.TimeTracking;

namespace KtPortal.Domain.Billing;

/// <summary>
/// One billing period of a client (rule 2), with the terms that hold for it: a snapshot of the plan at its start,
/// or, for a client without a plan, the rate card and no included hours. Unique per (client, start).
/// </summary>
public sealed class BillingPeriod
{
    public int Id { get; set; }

    public int ClientId { get; set; }

    /// <summary>Null when the client had no plan in this period.</summary>
    public int? PlanId { get; set; }

    public string PlanName { get; set; } = string.Empty;

    /// <summary>Portal-local, inclusive.</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>Portal-local, exclusive: the next period's start.</summary>
    public DateOnly EndDate { get; set; }

    public int IncludedMinutes { get; set; }

    public List<int> CoveredSupportTypeIds { get; set; } = [];

    public long DevelopmentRateMinor { get; set; }

    public long SupportRateMinor { get; set; }

    public long MonthlyFeeMinor { get; set; }

    /// <summary>Set by the billing cycle when it closes the period; an ended period is locked either way.</summary>
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>Rule 4: when covered usage first reached 80% (fires once).</summary>
    public DateTime? Reached80PercentAtUtc { get; set; }

    /// <summary>Rule 4: when covered usage first went past the included hours (fires once).</summary>
    public DateTime? OverageStartedAtUtc { get; set; }

    /// <summary>
    /// Overage consent (billing-rules.md reading 24): null when the period bills overage as it comes; otherwise the covered
    /// minutes beyond the included ones the client's admin has approved, and overage past them is held, not billed.
    /// </summary>
    public int? ApprovedOverageMinutes { get; set; }

    /// <summary>Where the client's answer stands; only meaningful while <see cref="AsksBeforeOverage"/>.</summary>
    public OverageConsentState OverageConsent { get; set; }

    /// <summary>How many times the client has been asked this period: each request's notifications are keyed by it.</summary>
    public int OverageConsentRound { get; set; }

    public DateTime? OverageConsentRequestedAtUtc { get; set; }

    public DateTime? OverageConsentDecidedAtUtc { get; set; }

    public string? OverageConsentDecidedById { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public bool AsksBeforeOverage => ApprovedOverageMinutes is not null;

    public bool HasPlan => PlanId is not null;

    public BillingPeriodRange Range => new(StartDate, EndDate);

    /// <summary>Entries dated in a closed period cannot be added, edited or deleted (rule 2).</summary>
    public bool IsClosed(DateOnly today) => ClosedAtUtc is not null || EndDate <= today;

    public long RateFor(WorkType workType) => workType == WorkType.Development ? DevelopmentRateMinor : SupportRateMinor;

    public bool Covers(int supportTypeId) => CoveredSupportTypeIds.Contains(supportTypeId);
}
