using KtPortal.Domain.Common;
namespace KtPortal.Domain.Billing;

/// <summary>A billing period in portal-local dates: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive).</summary>
public sealed record BillingPeriodRange(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => date >= Start && date < End;

    public int DaysLeft(DateOnly today) => Math.Max(0, End.DayNumber - today.DayNumber);
}

/// <summary>
/// Rule 2 of billing-rules.md: a period starts on the cycle day at 00:00 portal time and ends at the next start;
/// a cycle day past a short month's end falls on its last day and returns to the cycle day in longer months.
/// </summary>
public static class BillingCalendar
{
    public const int MinCycleDay = 1;
    public const int MaxCycleDay = 31;

    public static bool IsCycleDayValid(int cycleDay) => cycleDay is >= MinCycleDay and <= MaxCycleDay;

    /// <summary>The day a period starts in the given month: the cycle day, or the month's last day if it is shorter.</summary>
    public static DateOnly StartInMonth(int year, int month, int cycleDay)
    {
        if (cycleDay is < MinCycleDay or > MaxCycleDay)
        {
            throw new ArgumentOutOfRangeException(nameof(cycleDay), cycleDay, "The billing cycle day is 1–31.");
        }

        return new DateOnly(year, month, Math.Min(cycleDay, DateTime.DaysInMonth(year, month)));
    }

    /// <summary>The period that contains <paramref name="date"/> (a portal-local date).</summary>
    public static BillingPeriodRange PeriodContaining(DateOnly date, int cycleDay)
    {
        var thisMonth = StartInMonth(date.Year, date.Month, cycleDay);
        if (date >= thisMonth)
        {
            var next = date.AddMonths(1);
            return new BillingPeriodRange(thisMonth, StartInMonth(next.Year, next.Month, cycleDay));
        }

        var previous = date.AddMonths(-1);
        return new BillingPeriodRange(StartInMonth(previous.Year, previous.Month, cycleDay), thisMonth);
    }

    /// <summary>The period right after <paramref name="period"/> (automatic renewal).</summary>
    public static BillingPeriodRange Next(BillingPeriodRange period, int cycleDay)
    {
        ArgumentNullException.ThrowIfNull(period);
        return PeriodContaining(period.End, cycleDay);
    }

    /// <summary>The portal-local date of an instant: what "today" is for the portal.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => PortalSettings.LocalDateIn(instant, zone);

    /// <summary>The UTC instant at which a portal-local date begins (00:00, or the first valid time if a DST jump skips midnight).</summary>
    public static DateTime StartUtc(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
