using KtPortal.Domain.Billing;

namespace KtPortal.Tests.Domain.Billing;

/// <summary>Rule 2 of billing-rules.md: periods, month ends, leap years and the portal time zone.</summary>
public sealed class BillingCalendarTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static BillingPeriodRange Period(string date, int cycleDay) => BillingCalendar.PeriodContaining(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), cycleDay);

    private static BillingPeriodRange Range(string start, string end) =>
        new(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("2026-11-24", 1, "2026-11-01", "2026-12-01")]
    [InlineData("2026-11-30", 1, "2026-11-01", "2026-12-01")]
    [InlineData("2026-12-01", 1, "2026-12-01", "2027-01-01")]
    [InlineData("2026-01-10", 15, "2025-12-15", "2026-01-15")]
    [InlineData("2026-01-15", 15, "2026-01-15", "2026-02-15")]
    public void ShouldRunFromCycleDayToCycleDay(string date, int cycleDay, string start, string end) =>
        Period(date, cycleDay).Should().Be(Range(start, end));

    [Theory]
    [InlineData("2026-02-10", 31, "2026-01-31", "2026-02-28")]
    [InlineData("2026-02-28", 31, "2026-02-28", "2026-03-31")]
    [InlineData("2026-03-30", 31, "2026-02-28", "2026-03-31")]
    [InlineData("2026-04-30", 31, "2026-04-30", "2026-05-31")]
    [InlineData("2026-04-29", 31, "2026-03-31", "2026-04-30")]
    [InlineData("2026-12-31", 31, "2026-12-31", "2027-01-31")]
    [InlineData("2026-02-28", 30, "2026-02-28", "2026-03-30")]
    public void ShouldFallOnTheLastDayOfAShortMonth_AndReturnToTheCycleDayAfter(string date, int cycleDay, string start, string end) =>
        Period(date, cycleDay).Should().Be(Range(start, end));

    [Theory]
    [InlineData("2028-02-29", 31, "2028-02-29", "2028-03-31")]
    [InlineData("2028-02-28", 31, "2028-01-31", "2028-02-29")]
    [InlineData("2028-02-29", 29, "2028-02-29", "2028-03-29")]
    [InlineData("2027-02-28", 29, "2027-02-28", "2027-03-29")]
    public void ShouldUseFebruary29InLeapYears(string date, int cycleDay, string start, string end) =>
        Period(date, cycleDay).Should().Be(Range(start, end));

    [Fact]
    public void ShouldRenewWithoutGapsOrOverlaps_ForTwoYearsOfEveryCycleDay()
    {
        for (var cycleDay = 1; cycleDay <= 31; cycleDay++)
        {
            var period = BillingCalendar.PeriodContaining(new DateOnly(2026, 1, 1), cycleDay);
            for (var i = 0; i < 24; i++)
            {
                var next = BillingCalendar.Next(period, cycleDay);
                next.Start.Should().Be(period.End);
                next.End.Should().BeAfter(next.Start);
                (next.End.DayNumber - next.Start.DayNumber).Should().BeInRange(28, 31);
                period = next;
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void ShouldRefuseACycleDayOutside1To31(int cycleDay)
    {
        var act = () => BillingCalendar.PeriodContaining(new DateOnly(2026, 1, 1), cycleDay);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("2026-12-01T04:59:00Z", "2026-11-30")]
    [InlineData("2026-12-01T05:00:00Z", "2026-12-01")]
    [InlineData("2026-07-01T03:59:00Z", "2026-06-30")]
    [InlineData("2026-07-01T04:00:00Z", "2026-07-01")]
    public void ShouldDecideTodayInThePortalTimeZone(string instant, string localDate) =>
        BillingCalendar.LocalDate(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), NewYork)
            .Should().Be(DateOnly.Parse(localDate, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void ShouldStartPeriodsAtLocalMidnight_InWinterAndSummer()
    {
        BillingCalendar.StartUtc(new DateOnly(2026, 12, 1), NewYork).Should().Be(new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc));
        BillingCalendar.StartUtc(new DateOnly(2026, 7, 1), NewYork).Should().Be(new DateTime(2026, 7, 1, 4, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void ShouldCountTheDaysLeftInAPeriod()
    {
        var november = Range("2026-11-01", "2026-12-01");

        november.DaysLeft(new DateOnly(2026, 11, 24)).Should().Be(7);
        november.Contains(new DateOnly(2026, 12, 1)).Should().BeFalse();
        november.Contains(new DateOnly(2026, 11, 1)).Should().BeTrue();
    }
}
