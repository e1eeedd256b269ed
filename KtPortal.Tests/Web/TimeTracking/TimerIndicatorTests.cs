using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.TimeTracking;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.TimeTracking;

/// <summary>The running timer in the app bar: one short line with the elapsed time, a full name for a screen reader, and the way to stop it.</summary>
public sealed class TimerIndicatorTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private Actor _staff = null!;
    private int _ticket;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        var acme = await _host.CreateClientAsync("Acme Dental");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _ticket = await _host.CreateTicketAsync(acme, null, "Gallery broken");
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<TimerService>());
        Services.AddSingleton(_host.Get<IChangeNotifier>());
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        SignInAs(_staff);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ShouldShowNothing_UntilATimerRuns_ThenTheTicketAndTheElapsedTime()
    {
        var indicator = Render<TimerIndicator>();
        indicator.FindAll("[data-testid=timer-indicator]").Should().BeEmpty();

        await _host.WithAsync<TimerService>(t => t.StartAsync(_staff, _ticket));
        _host.Clock.Advance(TimeSpan.FromMinutes(65));

        indicator.WaitForElement("[data-testid=timer-indicator]");

        // The live change may have drawn the indicator before the clock moved; it reads the elapsed time at each
        // render (and ticks once a real minute), so draw it again now rather than race the notifier.
        indicator.Render();
        var button = indicator.Find("[data-testid=timer-indicator]");
        indicator.Find("[data-testid=timer-elapsed]").TextContent.Should().Be("1:05");
        button.GetAttribute("aria-label").Should().Be($"Stop timer: KT-{_ticket} · 1:05", "the name holds what is shown, and what the button does");
        button.QuerySelector(".portal-timer-ticket")!.TextContent.Should().Be($"KT-{_ticket} ·", "a phone's CSS hides only this part");
    }

    [Fact]
    public async Task ShouldOpenTheStopDialog_WhenPressed()
    {
        await _host.WithAsync<TimerService>(t => t.StartAsync(_staff, _ticket));
        var dialogs = Render<MudDialogProvider>();
        var indicator = Render<TimerIndicator>();

        // The click's handler waits for the dialog's answer, so it is not awaited here.
        _ = indicator.InvokeAsync(() => indicator.Find("[data-testid=timer-indicator]").Click());

        dialogs.WaitForElement("[data-testid=timer-stop-dialog]");
    }
}
