namespace KtPortal.Domain.Billing.Plans;

/// <summary>Limits of a plan's fields and the plan templates staff can start from.</summary>
public static class PlanRules
{
    public const int NameMaxLength = 100;

    /// <summary>A month has at most 744 hours; nothing sensible includes more.</summary>
    public const int MaxIncludedMinutes = 744 * 60;

    /// <summary>$100,000 in minor units: a typo guard, not a business limit.</summary>
    public const long MaxAmountMinor = 10_000_000;

    public static readonly IReadOnlyList<PlanTemplate> Templates =
    [
        new("Basic Maintenance", IncludedMinutes: 10 * 60, MonthlyFeeMinor: 50_000),
        new("Standard Maintenance", IncludedMinutes: 20 * 60, MonthlyFeeMinor: 95_000),
        new("Premium Maintenance", IncludedMinutes: 40 * 60, MonthlyFeeMinor: 180_000),
    ];
}

/// <summary>A starting point for a new plan; the client's plan is its own record afterwards.</summary>
public sealed record PlanTemplate(string Name, int IncludedMinutes, long MonthlyFeeMinor);
