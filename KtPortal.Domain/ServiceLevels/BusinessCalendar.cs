namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// When the agency is open, in the portal's time zone: opening hours per weekday, closed on the country's public holidays
/// (from the PublicHoliday library) and on the agency's own days. Local opening times become UTC per date, so a day
/// across a daylight-saving change still opens at its local hour.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead a due time is looked for before the calendar is taken to have no open hours at all.</summary>
    public const int MaxDaysAhead = 3 * 366;

    private readonly IReadOnlyDictionary<DayOfWeek, (TimeOnly Open, TimeOnly Close)> _hours;
    private readonly Func<DateOnly, bool> _isHoliday;

    public BusinessCalendar(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, (TimeOnly Open, TimeOnly Close)> hours, Func<DateOnly, bool> isHoliday)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(isHoliday);
        foreach (var (day, (open, close)) in hours)
        {
            if (close <= open)
            {
                throw new ArgumentException($"{day} closes at {close} before it opens at {open}.", nameof(hours));
            }
        }

        Zone = zone;
        _hours = hours;
        _isHoliday = isHoliday;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Monday to Friday, 09:00–17:00, closed on the national holidays of <paramref name="holidays"/> and the agency's own days.</summary>
    public static BusinessCalendar Weekdays(TimeZoneInfo zone, PublicHoliday.IPublicHolidays? holidays, IEnumerable<DateOnly> agencyDays)
    {
        var hours = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => (new TimeOnly(9, 0), new TimeOnly(17, 0)));
        var own = agencyDays.ToHashSet();
        return new BusinessCalendar(zone, hours, day => own.Contains(day) || (holidays?.IsPublicHoliday(day.ToDateTime(TimeOnly.MinValue)) ?? false));
    }

    /// <summary>
    /// The agency's calendar as set: its open weekdays and hours, its country's holidays (each year's list read once) and
    /// its own days off.
    /// </summary>
    public static BusinessCalendar From(TimeZoneInfo zone, BusinessHoursSettings settings, IEnumerable<DateOnly> agencyDays)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var hours = settings.Days().ToDictionary(d => d, _ => (settings.Opens, settings.Closes));
        var own = agencyDays.ToHashSet();
        var country = HolidayCountries.For(settings.HolidayCountry);
        var years = new System.Collections.Concurrent.ConcurrentDictionary<int, HashSet<DateOnly>>();
        return new BusinessCalendar(zone, hours, day => own.Contains(day)
            || (country is not null && years.GetOrAdd(day.Year, y => [.. country.PublicHolidays(y).Select(DateOnly.FromDateTime)]).Contains(day)));
    }

    public bool IsOpenDay(DateOnly day) => _hours.ContainsKey(day.DayOfWeek) && !_isHoliday(day);

    /// <summary>The open spans in UTC, in order, from the local day of <paramref name="fromUtc"/> on, for <paramref name="days"/> days.</summary>
    public IEnumerable<(DateTime From, DateTime To)> OpenSpansUtc(DateTime fromUtc, int days)
    {
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc), Zone));
        for (var day = first; day < first.AddDays(days); day = day.AddDays(1))
        {
            if (IsOpenDay(day))
            {
                var (open, close) = _hours[day.DayOfWeek];
                yield return (ToUtc(day.ToDateTime(open)), ToUtc(day.ToDateTime(close)));
            }
        }
    }

    /// <summary>A local wall-clock time as UTC; a time skipped by a clock change counts from the first minute that exists.</summary>
    private DateTime ToUtc(DateTime local)
    {
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
    }
}
