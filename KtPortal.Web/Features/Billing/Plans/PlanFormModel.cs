using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Billing.Plans;

/// <summary>
/// The plan form as people type it: hours and money as text, read strictly when saved (see <see cref="FormNumbers"/>),
/// so "abc" or "1.005" is refused with a field message instead of saving 0 or a rounded figure.
/// </summary>
public sealed class PlanFormModel
{
    public string Name { get; set; } = string.Empty;

    public string IncludedHours { get; set; } = "0";

    public IReadOnlyCollection<int> CoveredSupportTypeIds { get; set; } = [];

    public string DevelopmentRate { get; set; } = "0";

    public string SupportRate { get; set; } = "0";

    public string MonthlyFee { get; set; } = "0";

    public int CycleDay { get; set; } = 1;

    public DateOnly StartDate { get; set; }

    /// <summary>The input for the plan service; throws field errors for text that is not a number.</summary>
    public PlanInput ToInput()
    {
        var validation = new Validation();
        var input = new PlanInput(
            Name,
            FormNumbers.Minutes(validation, nameof(PlanInput.IncludedMinutes), "monthly hours", IncludedHours),
            [.. CoveredSupportTypeIds],
            FormNumbers.MoneyMinor(validation, nameof(PlanInput.DevelopmentRateMinor), "development rate", DevelopmentRate),
            FormNumbers.MoneyMinor(validation, nameof(PlanInput.SupportRateMinor), "support rate", SupportRate),
            FormNumbers.MoneyMinor(validation, nameof(PlanInput.MonthlyFeeMinor), "monthly fee", MonthlyFee),
            CycleDay,
            StartDate);
        validation.ThrowIfInvalid();
        return input;
    }

    /// <summary>Fills the form from a template: its rates only where it sets them (else the client's stay), and only
    /// covered types that can still be chosen (<paramref name="choosable"/>: a retired type is left out).</summary>
    public void Apply(PlanTemplateView template, IEnumerable<int> choosable)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(choosable);
        Name = template.Name;
        IncludedHours = FormNumbers.HoursText(template.IncludedMinutes);
        MonthlyFee = FormNumbers.MoneyText(template.MonthlyFeeMinor);
        CoveredSupportTypeIds = [.. template.CoveredSupportTypeIds.Intersect(choosable)];
        if (template.DevelopmentRateMinor is { } development)
        {
            DevelopmentRate = FormNumbers.MoneyText(development);
        }

        if (template.SupportRateMinor is { } support)
        {
            SupportRate = FormNumbers.MoneyText(support);
        }
    }

    public static PlanFormModel From(PlanView plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new()
        {
            Name = plan.Name,
            IncludedHours = FormNumbers.HoursText(plan.IncludedMinutes),
            CoveredSupportTypeIds = plan.CoveredSupportTypeIds,
            DevelopmentRate = FormNumbers.MoneyText(plan.DevelopmentRateMinor),
            SupportRate = FormNumbers.MoneyText(plan.SupportRateMinor),
            MonthlyFee = FormNumbers.MoneyText(plan.MonthlyFeeMinor),
            CycleDay = plan.CycleDay,
            StartDate = plan.StartDate,
        };
    }

    /// <summary>The dates a new plan may start on: this period's start under the chosen cycle day and the next three.</summary>
    public static IReadOnlyList<DateOnly> StartOptions(DateOnly today, int cycleDay)
    {
        if (!BillingCalendar.IsCycleDayValid(cycleDay))
        {
            return [];
        }

        var period = BillingCalendar.PeriodContaining(today, cycleDay);
        var options = new List<DateOnly>();
        for (var i = 0; i < 4; i++)
        {
            options.Add(period.Start);
            period = BillingCalendar.Next(period, cycleDay);
        }

        return options;
    }
}
