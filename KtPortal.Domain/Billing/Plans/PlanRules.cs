namespace KtPortal.Domain.Billing.Plans;

/// <summary>Limits of a plan's fields (and of the templates staff start plans from).</summary>
public static class PlanRules
{
    public const int NameMaxLength = 100;

    /// <summary>A month has at most 744 hours; nothing sensible includes more.</summary>
    public const int MaxIncludedMinutes = 744 * 60;

    /// <summary>$100,000 in minor units: a typo guard, not a business limit.</summary>
    public const long MaxAmountMinor = 10_000_000;
}
