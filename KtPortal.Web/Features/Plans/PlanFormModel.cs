using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Plans;

namespace KtPortal.Web.Features.Plans;

/// <summary>The plan form as people type it: hours and dollars, converted to minutes and cents only when saved.</summary>
public sealed class PlanFormModel
{
    public string Name { get; set; } = string.Empty;

    public decimal IncludedHours { get; set; }

    public IReadOnlyCollection<int> CoveredSupportTypeIds { get; set; } = [];

    public decimal DevelopmentRate { get; set; }

    public decimal SupportRate { get; set; }

    public decimal MonthlyFee { get; set; }

    public int CycleDay { get; set; } = 1;

    public DateOnly StartDate { get; set; }

    public PlanInput ToInput() => new(
        Name,
        (int)Math.Round(IncludedHours * 60, MidpointRounding.AwayFromZero),
        [.. CoveredSupportTypeIds],
        Money.FromMajor(DevelopmentRate),
        Money.FromMajor(SupportRate),
        Money.FromMajor(MonthlyFee),
        CycleDay,
        StartDate);

    public void Apply(PlanTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Name = template.Name;
        IncludedHours = template.IncludedMinutes / 60m;
        MonthlyFee = Money.ToMajor(template.MonthlyFeeMinor);
    }

    public static PlanFormModel From(PlanView plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new()
        {
            Name = plan.Name,
            IncludedHours = plan.IncludedMinutes / 60m,
            CoveredSupportTypeIds = plan.CoveredSupportTypeIds,
            DevelopmentRate = Money.ToMajor(plan.DevelopmentRateMinor),
            SupportRate = Money.ToMajor(plan.SupportRateMinor),
            MonthlyFee = Money.ToMajor(plan.MonthlyFeeMinor),
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
