using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Common;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Billing.Plans;

/// <summary>A plan template as people type it; rates left empty keep each client's own rate card.</summary>
public sealed class PlanTemplateFormModel
{
    public string Name { get; set; } = string.Empty;

    public string IncludedHours { get; set; } = "10";

    public string MonthlyFee { get; set; } = "0";

    public IReadOnlyCollection<int> CoveredSupportTypeIds { get; set; } = [];

    public string DevelopmentRate { get; set; } = string.Empty;

    public string SupportRate { get; set; } = string.Empty;

    public static PlanTemplateFormModel From(PlanTemplateView template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new()
        {
            Name = template.Name,
            IncludedHours = FormNumbers.HoursText(template.IncludedMinutes),
            MonthlyFee = FormNumbers.MoneyText(template.MonthlyFeeMinor),
            CoveredSupportTypeIds = template.CoveredSupportTypeIds,
            DevelopmentRate = template.DevelopmentRateMinor is { } dev ? FormNumbers.MoneyText(dev) : string.Empty,
            SupportRate = template.SupportRateMinor is { } support ? FormNumbers.MoneyText(support) : string.Empty,
        };
    }

    public PlanTemplateInput ToInput()
    {
        var validation = new Validation();
        var input = new PlanTemplateInput(
            Name,
            FormNumbers.Minutes(validation, nameof(PlanTemplateInput.IncludedMinutes), "monthly hours", IncludedHours),
            FormNumbers.MoneyMinor(validation, nameof(PlanTemplateInput.MonthlyFeeMinor), "monthly fee", MonthlyFee),
            [.. CoveredSupportTypeIds],
            OptionalRate(validation, nameof(PlanTemplateInput.DevelopmentRateMinor), "development rate", DevelopmentRate),
            OptionalRate(validation, nameof(PlanTemplateInput.SupportRateMinor), "support rate", SupportRate));
        validation.ThrowIfInvalid();
        return input;
    }

    private static long? OptionalRate(Validation validation, string field, string label, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : FormNumbers.MoneyMinor(validation, field, label, text);
}
