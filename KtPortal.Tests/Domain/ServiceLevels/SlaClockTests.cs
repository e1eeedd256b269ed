using KtPortal.Domain.ServiceLevels;

namespace KtPortal.Tests.Domain.ServiceLevels;

/// <summary>
/// The SLA clock in the portal's default zone (New York), open Monday to Friday 09:00–17:00 with US public holidays:
/// weekends, a holiday, the agency's own day, both daylight-saving changes, pauses while waiting on the client, and
/// calendar against business targets.
/// </summary>
public sealed class SlaClockTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static BusinessCalendar Calendar(params DateOnly[] agencyDays) =>
        BusinessCalendar.Weekdays(NewYork, new PublicHoliday.USAPublicHoliday(), agencyDays);

    /// <summary>A New York wall-clock time as UTC.</summary>
    private static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), NewYork);

    private static DateTime? Due(BusinessCalendar calendar, SlaBasis basis, DateTime start, int minutes, params SlaPause[] pauses) =>
        SlaClock.DueUtc(calendar, basis, start, minutes, pauses);

    [Fact]
    public void ShouldCountEveryMinute_WhenTheTargetIsInCalendarTime()
    {
        // Friday 4 December 2026, 16:00: four hours later is Friday 20:00, whatever the opening hours.
        Due(Calendar(), SlaBasis.Calendar, Local(2026, 12, 4, 16), 240).Should().Be(Local(2026, 12, 4, 20));
    }

    [Fact]
    public void ShouldSkipTheWeekend_WhenTheTargetIsInBusinessHours()
    {
        // One hour left on Friday, three on Monday morning.
        Due(Calendar(), SlaBasis.Business, Local(2026, 12, 4, 16), 240).Should().Be(Local(2026, 12, 7, 12));
    }

    [Fact]
    public void ShouldStartAtOpening_WhenATicketArrivesBeforeHours()
    {
        Due(Calendar(), SlaBasis.Business, Local(2026, 12, 7, 7), 60).Should().Be(Local(2026, 12, 7, 10));
        Due(Calendar(), SlaBasis.Business, Local(2026, 12, 7, 18), 60).Should().Be(Local(2026, 12, 8, 10), "after closing the clock waits for the next day");
    }

    [Fact]
    public void ShouldSkipAPublicHoliday_AndTheAgencysOwnDays()
    {
        // Wednesday 25 November 2026, 16:00; Thursday 26 is Thanksgiving.
        Due(Calendar(), SlaBasis.Business, Local(2026, 11, 25, 16), 240).Should().Be(Local(2026, 11, 27, 12));
        Due(Calendar(new DateOnly(2026, 11, 27)), SlaBasis.Business, Local(2026, 11, 25, 16), 240)
            .Should().Be(Local(2026, 11, 30, 12), "the agency also closes the Friday after");
    }

    [Fact]
    public void ShouldOpenAtTheLocalHour_AcrossBothDaylightSavingChanges()
    {
        // Clocks go forward on Sunday 8 March 2026: Monday opens at 09:00 EDT, 13:00 UTC (Friday opened at 14:00 UTC).
        var spring = Due(Calendar(), SlaBasis.Business, Local(2026, 3, 6, 16), 240);
        spring.Should().Be(Local(2026, 3, 9, 12));
        spring.Should().Be(new DateTime(2026, 3, 9, 16, 0, 0, DateTimeKind.Utc));
        // Clocks go back on Sunday 1 November 2026.
        Due(Calendar(), SlaBasis.Business, Local(2026, 10, 30, 16), 240).Should().Be(new DateTime(2026, 11, 2, 17, 0, 0, DateTimeKind.Utc));
        // Calendar time is elapsed time: four hours over the fall-back night are four real hours.
        Due(Calendar(), SlaBasis.Calendar, new DateTime(2026, 11, 1, 4, 0, 0, DateTimeKind.Utc), 240).Should().Be(new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void ShouldStandStill_WhileTheTicketWaitsOnTheClient()
    {
        var start = Local(2026, 12, 7, 9);
        var waited = new SlaPause(Local(2026, 12, 7, 10), Local(2026, 12, 7, 11));

        Due(Calendar(), SlaBasis.Business, start, 120, waited).Should().Be(Local(2026, 12, 7, 12), "the hour waiting on the client does not count");
        Due(Calendar(), SlaBasis.Calendar, start, 120, waited).Should().Be(Local(2026, 12, 7, 12));
        Due(Calendar(), SlaBasis.Business, start, 120, new SlaPause(Local(2026, 12, 7, 10), null))
            .Should().BeNull("while the client has not answered there is no due time");
        Due(Calendar(), SlaBasis.Business, start, 60, new SlaPause(Local(2026, 12, 7, 10), null))
            .Should().Be(Local(2026, 12, 7, 10), "a target met before the wait began stays met");
        Due(Calendar(), SlaBasis.Business, start, 120, new SlaPause(Local(2026, 12, 4, 16), Local(2026, 12, 7, 10)))
            .Should().Be(Local(2026, 12, 7, 12), "a wait from before the start resumes the clock when it ends");
    }

    [Fact]
    public void ShouldMeasureTheMinutesUsed_AgainstTheTarget()
    {
        var start = Local(2026, 12, 4, 16);
        var calendar = Calendar();

        SlaClock.UsedMinutes(calendar, SlaBasis.Business, start, Local(2026, 12, 5, 12), []).Should().Be(60, "Saturday does not count");
        SlaClock.UsedMinutes(calendar, SlaBasis.Business, start, Local(2026, 12, 7, 11), []).Should().Be(180);
        SlaClock.UsedMinutes(calendar, SlaBasis.Calendar, start, Local(2026, 12, 4, 19), []).Should().Be(180);
        SlaClock.UsedMinutes(calendar, SlaBasis.Business, start, Local(2026, 12, 7, 11), [new SlaPause(Local(2026, 12, 7, 9), Local(2026, 12, 7, 10))])
            .Should().Be(120);
        SlaClock.UsedMinutes(calendar, SlaBasis.Business, start, Local(2026, 12, 7, 16), [new SlaPause(Local(2026, 12, 7, 10), null)])
            .Should().Be(120, "nothing counts after the client was asked");
    }

    [Fact]
    public void ShouldRefuseOpeningHoursThatCloseBeforeTheyOpen()
    {
        var hours = new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)> { [DayOfWeek.Monday] = (new TimeOnly(17, 0), new TimeOnly(9, 0)) };

        var act = () => new BusinessCalendar(NewYork, hours, _ => false);

        act.Should().Throw<ArgumentException>().WithMessage("Monday closes at 09:00 before it opens at 17:00*");
    }
}
