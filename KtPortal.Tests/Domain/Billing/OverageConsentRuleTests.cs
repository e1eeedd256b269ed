using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Tests.Domain.Billing;

/// <summary>Reading 24 of docs/billing-rules.md on the pure engine: its worked example, and its edges.</summary>
public sealed class OverageConsentRuleTests
{
    private const int TenHours = 600;
    private static readonly DateTime Created = new(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc);

    private static BillableEntry Entry(long id, int ticket, int minutes, bool covered, WorkType workType = WorkType.Support) =>
        new(id, ticket, new DateOnly(2026, 11, 10), Created.AddMinutes(id), minutes, Billable: true, workType, covered);

    /// <summary>Rule 3's table, then KT-5 (covered, 45 minutes) logged after the client approved 1 extra hour.</summary>
    private static readonly BillableEntry[] Example =
    [
        Entry(1, ticket: 1, minutes: 360, covered: true),
        Entry(2, ticket: 2, minutes: 15, covered: true),
        Entry(3, ticket: 3, minutes: 180, covered: false, WorkType.Development),
        Entry(4, ticket: 4, minutes: 270, covered: true),
        Entry(5, ticket: 5, minutes: 45, covered: true),
    ];

    private static PeriodUsage Calculate(int? approved, IReadOnlyCollection<BillableEntry>? entries = null)
    {
        entries ??= Example;
        return UsageCalculator.Calculate(TenHours, entries, UsageCalculator.ChargedMinutes(entries), approved);
    }

    [Fact]
    public void ShouldHoldTheOverageBeyondTheApproval_InBillingOrder()
    {
        var usage = Calculate(approved: 60);

        usage.Entries.Select(e => (e.ChargedMinutes, e.FromPlanMinutes, e.OverageMinutes, e.HeldMinutes, e.BilledMinutes)).Should().Equal(
            (360, 360, 0, 0, 0),
            (60, 60, 0, 0, 0),
            (180, 0, 0, 0, 180),
            (270, 180, 90, 30, 60),
            (60, 0, 60, 60, 0));
        Hours.Format(usage.UsedMinutes).Should().Be("12.5", "held time is used time: the meter shows all of it");
        Hours.Format(usage.OverageMinutes).Should().Be("2.5");
        Hours.Format(usage.HeldMinutes).Should().Be("1.5");
        usage.Entries.Sum(e => BillingMath.Amount(e.BilledMinutes, e.WorkType == WorkType.Support ? 95_00 : 120_00))
            .Should().Be(95_00 + 360_00, "1 approved hour of overage at $95 and 3 h out of plan at $120");
    }

    [Fact]
    public void ShouldBillAllOverage_WithoutConsent_AndNoneOfIt_WithNothingApproved()
    {
        Calculate(approved: null).HeldMinutes.Should().Be(0);
        Calculate(approved: 0).HeldMinutes.Should().Be(150);
        Calculate(approved: 150).HeldMinutes.Should().Be(0);
        Calculate(approved: 10_000).HeldMinutes.Should().Be(0, "approving more than is used holds nothing");
    }

    [Fact]
    public void ShouldNeverHoldOutOfPlanTime()
    {
        var usage = Calculate(approved: 0, [Entry(1, 1, 900, covered: false)]);
        usage.Entries.Single().Should().Match<EntryCharge>(e => e.OutOfPlanMinutes == 900 && e.HeldMinutes == 0 && e.BilledMinutes == 900);
    }

    [Theory]
    [InlineData(31, 0)]
    [InlineData(32, 45)]
    [InlineData(33, 600)]
    public void ShouldGiveTheSameHeldTotal_FromSummedChargesAsEntryByEntry(int seed, int approved)
    {
        var random = new Random(seed);
        var entries = Enumerable.Range(1, 30)
            .Select(i => Entry(i, random.Next(1, 8), random.Next(1, 300), covered: random.Next(3) > 0))
            .ToList();
        var usage = Calculate(approved, entries);
        var charges = UsageCalculator.ChargedMinutes(entries);

        var totals = UsageCalculator.Totals(TenHours,
            entries.Sum(e => e.Minutes),
            entries.Where(e => e.Covered).Sum(e => charges[e.Id]),
            entries.Where(e => !e.Covered).Sum(e => charges[e.Id]),
            approved);

        totals.Should().Be(usage.Totals);
        totals.HeldMinutes.Should().Be(Math.Max(0, usage.OverageMinutes - approved));
    }

    [Fact]
    public void ShouldRefuseANegativeApproval()
    {
        FluentActions.Invoking(() => Calculate(approved: -1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
