using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Tests.Domain.Billing;

/// <summary>Rule 1 of billing-rules.md, each row of its table and the edges around it.</summary>
public sealed class OneHourMinimumTests
{
    private static readonly DateOnly Day = new(2026, 11, 10);

    private static BillableEntry Entry(long id, int minutes, int ticket = 1, bool billable = true, DateOnly? day = null) =>
        new(id, ticket, day ?? Day, new DateTime(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc).AddMinutes(id), minutes, billable, WorkType.Support, Covered: true);

    [Theory]
    [InlineData(new[] { 15 }, new[] { 60 }, 15, 60)]
    [InlineData(new[] { 15, 30 }, new[] { 60, 0 }, 45, 60)]
    [InlineData(new[] { 15, 30, 30 }, new[] { 60, 0, 15 }, 75, 75)]
    [InlineData(new[] { 90 }, new[] { 90 }, 90, 90)]
    public void ShouldChargeLikeTheRulesTable(int[] minutes, int[] expectedCharges, int logged, int charged)
    {
        var entries = minutes.Select((m, i) => Entry(i + 1, m)).ToList();

        var usage = UsageCalculator.Calculate(600, entries);

        usage.Entries.Select(e => e.ChargedMinutes).Should().Equal(expectedCharges);
        usage.LoggedMinutes.Should().Be(logged);
        usage.ChargedMinutes.Should().Be(charged);
    }

    [Fact]
    public void ShouldChargeNothing_ForNonBillableEntries()
    {
        var usage = UsageCalculator.Calculate(600, [Entry(1, 30, billable: false), Entry(2, 15), Entry(3, 120, billable: false)]);

        usage.Entries.Select(e => e.ChargedMinutes).Should().Equal(0, 60, 0);
        usage.LoggedMinutes.Should().Be(15);
    }

    [Fact]
    public void ShouldChargeNothing_WhenATicketHasOnlyNonBillableTime()
    {
        UsageCalculator.Calculate(600, [Entry(1, 30, billable: false)]).ChargedMinutes.Should().Be(0);
    }

    [Fact]
    public void ShouldApplyTheMinimumOncePerTicket_NotPerEntryOrAcrossTickets()
    {
        var usage = UsageCalculator.Calculate(600, [Entry(1, 15, ticket: 1), Entry(2, 15, ticket: 2), Entry(3, 15, ticket: 1)]);

        usage.Entries.Select(e => e.ChargedMinutes).Should().Equal(60, 60, 0);
    }

    [Fact]
    public void ShouldApplyTheMinimumOverTheTicketsWholeLife_AcrossPeriods()
    {
        var november = Entry(1, 15, day: new DateOnly(2026, 11, 20));
        var december = Entry(2, 30, day: new DateOnly(2026, 12, 3));
        var charges = UsageCalculator.ChargedMinutes([november, december]);

        var decemberUsage = UsageCalculator.Calculate(600, [december], charges);

        charges[1].Should().Be(60);
        decemberUsage.ChargedMinutes.Should().Be(0, "November's 15 minutes already paid the minimum hour");
        decemberUsage.LoggedMinutes.Should().Be(30);
    }

    [Fact]
    public void ShouldOrderByWorkDateThenCreationThenId_SoABackDatedEntryTakesTheMinimum()
    {
        // Logged second but worked first: it is the ticket's first entry and carries the minimum.
        var later = Entry(1, 90, day: new DateOnly(2026, 11, 12));
        var backDated = Entry(2, 15, day: new DateOnly(2026, 11, 11));

        var charges = UsageCalculator.ChargedMinutes([later, backDated]);

        charges[2].Should().Be(60);
        charges[1].Should().Be(45);
    }

    [Fact]
    public void ShouldRecomputeCharges_WhenAnEntryIsDeleted()
    {
        var all = new[] { Entry(1, 15), Entry(2, 30), Entry(3, 30) };

        var afterDeletingTheFirst = UsageCalculator.ChargedMinutes(all.Skip(1));

        afterDeletingTheFirst[2].Should().Be(60);
        afterDeletingTheFirst[3].Should().Be(0);
    }

    [Theory]
    [InlineData(15, "0.25", "0.25")]
    [InlineData(60, "1", "1.00")]
    [InlineData(420, "7", "7.00")]
    [InlineData(690, "11.5", "11.50")]
    [InlineData(1, "0.02", "0.02")]
    [InlineData(50, "0.83", "0.83")]
    public void ShouldShowHoursWithTwoDecimalsAtMost(int minutes, string meter, string fixedText)
    {
        Hours.Format(minutes).Should().Be(meter);
        Hours.FormatFixed(minutes).Should().Be(fixedText);
    }
}
