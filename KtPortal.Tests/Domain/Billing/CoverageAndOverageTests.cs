using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Tests.Domain.Billing;

/// <summary>Rule 3 of billing-rules.md: the worked example, and its edges.</summary>
public sealed class CoverageAndOverageTests
{
    private const int TenHours = 600;
    private static readonly DateTime Created = new(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc);

    private static BillableEntry Entry(long id, int ticket, int minutes, bool covered, WorkType workType = WorkType.Support, int day = 10) =>
        new(id, ticket, new DateOnly(2026, 11, day), Created.AddMinutes(id), minutes, Billable: true, workType, covered);

    /// <summary>The rules' table: plan 10 h covering Troubleshooting and WordPress; KT-3 is a Service Request (Development).</summary>
    private static readonly BillableEntry[] Example =
    [
        Entry(1, ticket: 1, minutes: 360, covered: true),
        Entry(2, ticket: 2, minutes: 15, covered: true),
        Entry(3, ticket: 3, minutes: 180, covered: false, WorkType.Development),
        Entry(4, ticket: 4, minutes: 270, covered: true),
    ];

    [Fact]
    public void ShouldSplitTheRulesExample_IntoPlanOverageAndOutOfPlan()
    {
        var usage = UsageCalculator.Calculate(TenHours, Example);

        usage.Entries.Select(e => (e.ChargedMinutes, e.FromPlanMinutes, e.OverageMinutes, e.OutOfPlanMinutes)).Should().Equal(
            (360, 360, 0, 0),
            (60, 60, 0, 0),
            (180, 0, 0, 180),
            (270, 180, 90, 0));
        Hours.Format(usage.UsedMinutes).Should().Be("11.5");
        Hours.Format(usage.OverageMinutes).Should().Be("1.5");
        Hours.Format(usage.OutOfPlanMinutes).Should().Be("3");
        usage.RemainingMinutes.Should().Be(0);
    }

    [Fact]
    public void ShouldReadSevenOfTen_WithTheFirstTwoTicketsAlone()
    {
        var usage = UsageCalculator.Calculate(TenHours, Example[..2]);

        Hours.Format(usage.UsedMinutes).Should().Be("7");
        Hours.Format(usage.RemainingMinutes).Should().Be("3");
        usage.OverageMinutes.Should().Be(0);
    }

    [Fact]
    public void ShouldBillOverageAndOutOfPlanAtTheEntrysWorkTypeRate()
    {
        const long support = 95_00, development = 120_00;
        var usage = UsageCalculator.Calculate(TenHours, Example);

        var overage = usage.Entries.Sum(e => BillingMath.Amount(e.OverageMinutes, e.WorkType == WorkType.Support ? support : development));
        var outOfPlan = usage.Entries.Sum(e => BillingMath.Amount(e.OutOfPlanMinutes, e.WorkType == WorkType.Support ? support : development));

        overage.Should().Be(142_50, "1.5 h × $95");
        outOfPlan.Should().Be(360_00, "3 h × $120");
    }

    [Fact]
    public void ShouldDeductInWorkDateOrder_NotInTheOrderEntriesWereTyped()
    {
        // The same covered entries typed in reverse: the earlier work date still uses the plan first.
        var late = Entry(1, ticket: 1, minutes: 480, covered: true, day: 20);
        var early = Entry(2, ticket: 2, minutes: 180, covered: true, day: 5);

        var usage = UsageCalculator.Calculate(TenHours, [late, early]);

        usage.Entries.Select(e => (e.EntryId, e.FromPlanMinutes, e.OverageMinutes)).Should().Equal((2L, 180, 0), (1L, 420, 60));
    }

    [Fact]
    public void ShouldMakeEverythingOutOfPlan_ForAClientWithoutAPlan()
    {
        var usage = UsageCalculator.Calculate(0, [Entry(1, 1, 30, covered: false), Entry(2, 2, 120, covered: false, WorkType.Development)]);

        usage.UsedMinutes.Should().Be(0);
        usage.OutOfPlanMinutes.Should().Be(180);
        usage.OverageMinutes.Should().Be(0);
    }

    [Fact]
    public void ShouldCountEveryCoveredMinuteAsOverage_WhenThePlanIncludesNoHours()
    {
        UsageCalculator.Calculate(0, [Entry(1, 1, 90, covered: true)]).OverageMinutes.Should().Be(90);
    }

    [Theory]
    [InlineData(90, 95_00, 142_50)]
    [InlineData(1, 95_00, 1_58)]
    [InlineData(3, 99_50, 4_98)]
    [InlineData(15, 120_00, 30_00)]
    public void ShouldRoundLineAmountsHalfAwayFromZero(int minutes, long rate, long expected) =>
        BillingMath.Amount(minutes, rate).Should().Be(expected);

    [Theory]
    [InlineData(142_50, 825, 11_76)]
    [InlineData(100_00, 0, 0)]
    [InlineData(1_00, 50, 1)]
    public void ShouldRoundTaxHalfAwayFromZero(long subtotal, int basisPoints, long expected) =>
        BillingMath.Tax(subtotal, basisPoints).Should().Be(expected);
}
