using KtPortal.Web.Features.ServiceLevels;
using KtPortal.Web.Jobs;
using Quartz;

namespace KtPortal.Web.Testing;

/// <summary>The system clock plus an offset that a browser test can move forward. Never back: the portal (identity, the
/// outbox, rate limits, reset links) takes time to only move forward, as real time does.</summary>
public sealed class AdjustableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}

/// <summary>
/// For browser tests only: the portal's clock can be moved, so a test sees a due time pass without waiting for it.
/// Switched on by <c>KtPortal:Testing:ClockControl</c> in Development and never otherwise; moving the clock ticks the
/// pages' due times and runs the service-level alerts job, as the real minute would.
/// </summary>
internal static class TestClock
{
    public const string Setting = "KtPortal:Testing:ClockControl";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() && configuration.GetValue(Setting, false);

    public static void AddTestClock(this IServiceCollection services)
    {
        var clock = new AdjustableTimeProvider();
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
    }

    /// <summary>POST /testing/clock?advanceMinutes=46 moves the clock on (0 just runs the tick and the alerts).</summary>
    public static void MapTestClock(this WebApplication app) =>
        app.MapPost("/testing/clock", async (int? advanceMinutes, AdjustableTimeProvider clock, SlaTick tick, ISchedulerFactory schedulers) =>
        {
            if (advanceMinutes is not (>= 0 and <= 7 * 24 * 60))
            {
                return Results.BadRequest("Give advanceMinutes: 0 to 10080 (a week). The clock only moves forward.");
            }

            clock.Advance(TimeSpan.FromMinutes(advanceMinutes.Value));

            tick.Pulse();
            var scheduler = await schedulers.GetScheduler();
            await scheduler.TriggerJob(SlaAlertsJob.Key);
            return Results.Ok(new { nowUtc = clock.GetUtcNow(), offsetMinutes = clock.Offset.TotalMinutes });
        }).DisableAntiforgery();
}
