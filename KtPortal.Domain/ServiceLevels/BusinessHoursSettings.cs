namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// When the agency is open, for business-hours targets (one row, Id 1): the open weekdays with one opening and closing
/// time in the portal's time zone, the country whose public holidays close it, and its own days off
/// (<see cref="AgencyHoliday"/>).
/// </summary>
public sealed class BusinessHoursSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The open weekdays, e.g. "Monday,Tuesday,Wednesday,Thursday,Friday".</summary>
    public string OpenDays { get; set; } = DefaultOpenDays;

    public TimeOnly Opens { get; set; } = new(9, 0);

    public TimeOnly Closes { get; set; } = new(17, 0);

    /// <summary>A code from <see cref="HolidayCountries"/>, or empty for none.</summary>
    public string HolidayCountry { get; set; } = "US";

    public DateTime UpdatedAtUtc { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public const string DefaultOpenDays = "Monday,Tuesday,Wednesday,Thursday,Friday";

    public IReadOnlyList<DayOfWeek> Days() =>
        [.. OpenDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<DayOfWeek>).Distinct().Order()];
}

/// <summary>A day the agency is closed beyond the country's public holidays (a company day, the days between the holidays).</summary>
public sealed class AgencyHoliday
{
    public const int NameMaxLength = 80;

    public DateOnly Date { get; set; }

    public string Name { get; set; } = string.Empty;
}
