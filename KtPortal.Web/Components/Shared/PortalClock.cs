namespace KtPortal.Web.Components.Shared;

/// <summary>
/// Shows instants in the portal time zone (<c>KtPortal:TimeZone</c>, default America/New_York, as in
/// billing-rules.md), and ages relative to the injected clock.
/// </summary>
public sealed class PortalClock(TimeProvider clock, IConfiguration configuration)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["KtPortal:TimeZone"] ?? "America/New_York");

    public DateTime ToPortal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

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
