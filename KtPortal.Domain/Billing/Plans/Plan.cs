namespace KtPortal.Domain.Billing.Plans;

/// <summary>
/// A client's maintenance plan (retainer). Its fields are the terms for periods that have not started yet: each
/// <see cref="Billing.BillingPeriod"/> keeps a snapshot of the terms at its start, so edits apply from the next period.
/// </summary>
public sealed class Plan
{
    public int Id { get; set; }

    public int ClientId { get; set; }

    public string Name { get; set; } = string.Empty;

    public int IncludedMinutes { get; set; }

    /// <summary>Support types whose time deducts from the included hours (rule 3).</summary>
    public List<int> CoveredSupportTypeIds { get; set; } = [];

    /// <summary>Minor units per hour.</summary>
    public long DevelopmentRateMinor { get; set; }

    /// <summary>Minor units per hour.</summary>
    public long SupportRateMinor { get; set; }

    public long MonthlyFeeMinor { get; set; }

    /// <summary>1–31; a day past a short month's end falls on its last day.</summary>
    public int CycleDay { get; set; }

    /// <summary>The first day of the plan's first period (portal-local): always a cycle-day date.</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>The day after the plan's last period (exclusive), once ended; null while it runs on.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>The service-level policy for tickets raised while this plan runs, over the default; null: the default.</summary>
    public int? SlaPolicyId { get; set; }

    public string CreatedById { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool IsActiveOn(DateOnly date) => StartDate <= date && (EndDate is null || date < EndDate);
}
