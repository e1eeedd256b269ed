namespace KtPortal.Domain.Common;

/// <summary>
/// Portal-wide settings of billing-rules.md ("Portal settings"). The time zone decides what "today" is, which
/// period a work date belongs to and when a period starts.
/// </summary>
public sealed class PortalSettings
{
    public const string DefaultTimeZoneId = "America/New_York";

    public PortalSettings(string? timeZoneId = null, string? currency = null)
    {
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZoneId) ? DefaultTimeZoneId : timeZoneId);
        Currency = string.IsNullOrWhiteSpace(currency) ? "USD" : currency.Trim().ToUpperInvariant();
    }

    public TimeZoneInfo TimeZone { get; }

    public string Currency { get; }

    /// <summary>"$", "€", "£" or the code: what money fields show before the amount.</summary>
    public string CurrencySymbol => Money.Symbol(Currency).Trim();

    /// <summary>The portal-local date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => LocalDateIn(instant, TimeZone);

    /// <summary>The local date of an instant in a time zone: what "today" is there.</summary>
    public static DateOnly LocalDateIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>An instant as people here read it: "Nov 28, 2026 14:00 (America/New_York)", in portal time.</summary>
    public string FormatLocal(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
        return $"{local.ToString("MMM d, yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)} ({TimeZone.Id})";
    }

    /// <summary>The instant a portal-local day starts (midnight there), in UTC: the bound of a date range.</summary>
    public DateTime StartOfDayUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change starts the day at the first minute that exists.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }

    /// <summary>Today in portal time.</summary>
    public DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return LocalDate(clock.GetUtcNow());
    }
}
