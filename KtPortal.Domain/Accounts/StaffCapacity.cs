using KtPortal.Domain.Common;

namespace KtPortal.Domain.Accounts;

/// <summary>The hours a week a staff member is there to work, and what share of it a span of days is.</summary>
public static class StaffCapacity
{
    public const int DefaultWeeklyMinutes = 40 * 60;

    public const int MaxWeeklyMinutes = 80 * 60;

    public static void Validate(int weeklyMinutes) =>
        new Validation()
            .Check(weeklyMinutes is >= 0 and <= MaxWeeklyMinutes, "WeeklyCapacity", $"Enter between 0 and {MaxWeeklyMinutes / 60} hours a week (0 when not tracked).")
            .Check(weeklyMinutes % 15 == 0, "WeeklyCapacity", "Enter the hours in quarter hours, like 37.5 or 32.25.")
            .ThrowIfInvalid();

    public static string Describe(int weeklyMinutes) => weeklyMinutes == 0 ? "not tracked" : $"{Hours.Format(weeklyMinutes)} h a week";

    /// <summary>
    /// The capacity of the days from <paramref name="from"/> to <paramref name="to"/> (inclusive): a fifth of the week's
    /// for each weekday among them, so a month or a week cut by a range's edge is measured fairly. Rounded to the minute.
    /// </summary>
    public static int For(int weeklyMinutes, DateOnly from, DateOnly to) =>
        (int)Math.Round(weeklyMinutes * (decimal)Weekdays(from, to) / 5m, MidpointRounding.AwayFromZero);

    public static int Weekdays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                count++;
            }
        }

        return count;
    }
}
