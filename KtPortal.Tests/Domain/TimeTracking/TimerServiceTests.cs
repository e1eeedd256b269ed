using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Tests.Domain.TimeTracking;

public sealed class TimerServiceTests : BillingTestBase
{
    private Task<RunningTimerView?> TimerAsync() => Host.WithAsync<TimerService, RunningTimerView?>(s => s.GetAsync(Staff));

    [Fact]
    public async Task ShouldRunTheTimerOnTheServer_AndSaveTheTimeWhenStopped()
    {
        var fix = await TicketAsync(Alice);
        await Host.WithAsync<TimerService>(s => s.StartAsync(Staff, fix));
        Host.Clock.Advance(TimeSpan.FromMinutes(42.5));

        // Another scope (another device or a reopened tab) sees the same timer.
        (await TimerAsync())!.TicketNumber.Should().Be(fix);
        await Host.WithAsync<TimerService, long>(s => s.StopAsync(Staff, "Fixed the form"));

        (await TimerAsync()).Should().BeNull();
        (await EntriesAsync(fix)).Single().Should().Match<TimeEntryView>(e => e.Minutes == 43 && e.Note == "Fixed the form" && e.WorkDate == Today);
    }

    [Fact]
    public async Task ShouldAllowOneTimerPerPerson()
    {
        var first = await TicketAsync(Alice);
        var second = await TicketAsync(Alice, title: "Other");
        await Host.WithAsync<TimerService>(s => s.StartAsync(Staff, first));
        var act = () => Host.WithAsync<TimerService>(s => s.StartAsync(Staff, second));
        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain($"KT-{first}");
        (await TimerAsync())!.TicketNumber.Should().Be(first);
    }

    [Fact]
    public async Task ShouldAskBeforeSavingAndKeepRunning_WhenPastTenHours()
    {
        var fix = await TicketAsync(Alice);
        await Host.WithAsync<TimerService>(s => s.StartAsync(Staff, fix));
        Host.Clock.Advance(TimeSpan.FromHours(10.5));

        var act = () => Host.WithAsync<TimerService, long>(s => s.StopAsync(Staff, null));
        (await act.Should().ThrowAsync<TimerNeedsConfirmationException>()).Which.ElapsedMinutes.Should().Be(630);
        (await TimerAsync()).Should().NotBeNull();

        await Host.WithAsync<TimerService, long>(s => s.StopAsync(Staff, null, "2h"));
        (await EntriesAsync(fix)).Single().Minutes.Should().Be(120);
    }

    [Fact]
    public async Task ShouldSaveOnceAndSayWhy_WhenStoppedTwice()
    {
        var fix = await TicketAsync(Alice);
        await Host.WithAsync<TimerService>(s => s.StartAsync(Staff, fix));
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        await Host.WithAsync<TimerService, long>(s => s.StopAsync(Staff, null));
        var again = () => Host.WithAsync<TimerService, long>(s => s.StopAsync(Staff, null));
        (await again.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("not running");
        (await EntriesAsync(fix)).Should().ContainSingle();
    }

    [Fact]
    public async Task ShouldDateTheTimeThatDay_WhenStartedBeforeMidnightPortalTime()
    {
        var fix = await TicketAsync(Alice);

        // 23:50 in New York on Nov 24 is 04:50 UTC on Nov 25.
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 4, 50, 0, TimeSpan.Zero));
        await Host.WithAsync<TimerService>(s => s.StartAsync(Staff, fix));
        Host.Clock.Advance(TimeSpan.FromMinutes(30));
        await Host.WithAsync<TimerService, long>(s => s.StopAsync(Staff, null));
        (await EntriesAsync(fix)).Single().WorkDate.Should().Be(new DateOnly(2026, 11, 24));
    }

    [Fact]
    public async Task ShouldGiveNoTimer_ToClientUsers()
    {
        var fix = await TicketAsync(Alice);
        var act = () => Host.WithAsync<TimerService>(s => s.StartAsync(Alice, fix));
        await act.Should().ThrowAsync<ForbiddenException>();
        (await Host.WithAsync<TimerService, RunningTimerView?>(s => s.GetAsync(Alice))).Should().BeNull();
    }
}
