using KtPortal.Domain.SupportTypes;

namespace KtPortal.Domain.Billing.Plans;

/// <summary>
/// A starting point for a new plan, kept by admins at /settings/plan-templates. A plan made from it is its own record
/// afterwards: changing or removing a template changes no client's plan.
/// </summary>
public sealed class PlanTemplate
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public int IncludedMinutes { get; set; }

    public long MonthlyFeeMinor { get; set; }

    public List<int> CoveredSupportTypeIds { get; set; } = [];

    /// <summary>Minor units per hour; null keeps the client's own rate.</summary>
    public long? DevelopmentRateMinor { get; set; }

    /// <summary>Minor units per hour; null keeps the client's own rate.</summary>
    public long? SupportRateMinor { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>The three templates a new portal starts with (seed rows; admins change them from there).</summary>
    public static readonly IReadOnlyList<PlanTemplate> BuiltIn =
    [
        Seed(1, "Basic Maintenance", 10, 500_00, "b6f0e4f2-59a4-4c11-9a51-5f4a0e0c0001"),
        Seed(2, "Standard Maintenance", 20, 950_00, "b6f0e4f2-59a4-4c11-9a51-5f4a0e0c0002"),
        Seed(3, "Premium Maintenance", 40, 1_800_00, "b6f0e4f2-59a4-4c11-9a51-5f4a0e0c0003"),
    ];

    private static PlanTemplate Seed(int id, string name, int hours, long feeMinor, string stamp) => new()
    {
        Id = id,
        Name = name,
        IncludedMinutes = hours * 60,
        MonthlyFeeMinor = feeMinor,
        CoveredSupportTypeIds = [SupportType.TroubleshootingId, SupportType.WordPressId],
        UpdatedAtUtc = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc),
        ConcurrencyStamp = Guid.Parse(stamp),
    };
}

/// <summary>What an admin submits for a template; rates left empty (null) keep each client's own.</summary>
public sealed record PlanTemplateInput(
    string Name, int IncludedMinutes, long MonthlyFeeMinor, IReadOnlyList<int> CoveredSupportTypeIds, long? DevelopmentRateMinor, long? SupportRateMinor);

/// <summary>A template as lists and the plan dialog show it.</summary>
public sealed record PlanTemplateView(
    int Id, string Name, int IncludedMinutes, long MonthlyFeeMinor, IReadOnlyList<int> CoveredSupportTypeIds, long? DevelopmentRateMinor, long? SupportRateMinor, Guid ConcurrencyStamp);
