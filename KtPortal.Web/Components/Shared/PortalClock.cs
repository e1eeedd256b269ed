using KtPortal.Domain.Common;

namespace KtPortal.Web.Components.Shared;

/// <summary>
/// Shows instants in the portal time zone (<see cref="PortalSettings"/>, kept at /settings/agency; <c>KtPortal:TimeZone</c>
/// gives the first-run value, default America/New_York, as in billing-rules.md), and ages relative to the injected clock.
/// One per scope, so a page sees the settings of the moment it opened.
/// </summary>
public sealed class PortalClock(TimeProvider clock, PortalSettings settings)
{
    private readonly TimeZoneInfo _zone = settings.TimeZone;

    /// <summary>Today in portal time: the default work date of time entries.</summary>
    public DateOnly Today => settings.Today(clock);

    /// <summary>Now, from the portal's clock (a test may move it).</summary>
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public TimeZoneInfo Zone => _zone;

    public DateTime ToPortal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    /// <summary>An instant as people read it in lists: "Nov 24, 2026 10:00".</summary>
    public string Format(DateTime utc) => ToPortal(utc).ToString("MMM d, yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string Age(DateTime utc)
    {
        var age = clock.GetUtcNow().UtcDateTime - utc;
        return age.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => $"{(int)age.TotalMinutes} min",
            < 60 * 24 => $"{(int)age.TotalHours} h",
            _ => $"{(int)age.TotalDays} d",
        };
    }
}
