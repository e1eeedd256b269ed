using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.TimeTracking;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.TimeTracking;

/// <summary>Discarding a running timer throws its time away, so it asks first, in place; stopping says what happened.</summary>
public sealed class TimerStopDialogTests : PortalTestContext
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
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        SignInAs(_staff);
        await _host.WithAsync<TimerService>(t => t.StartAsync(_staff, _ticket));
        _host.Clock.Advance(TimeSpan.FromMinutes(50));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task<RunningTimerView?> RunningAsync() => _host.WithAsync<TimerService, RunningTimerView?>(t => t.GetAsync(_staff));

    [Fact]
    public async Task ShouldAskBeforeDiscarding_AndKeepTheTimer_WhenThePersonGoesBack()
    {
        var dialog = await this.OpenDialogAsync<TimerStopDialog>("timer-stop-dialog");

        dialog.Find("[data-testid=timer-discard]").Click();

        dialog.Find("[data-testid=timer-discard-question]").TextContent.Should().Contain("Throw away").And.Contain("h without saving");
        (await RunningAsync()).Should().NotBeNull("nothing is thrown away before the person confirms");
        dialog.FindAll("[data-testid=timer-save]").Should().BeEmpty("the question replaces the other actions until it is answered");
        dialog.Find("[data-testid=timer-discard-back]").Click();
        dialog.Find("[data-testid=timer-save]");
        (await RunningAsync()).Should().NotBeNull();
    }

    [Fact]
    public async Task ShouldDiscardAndSaySo_WhenThePersonConfirms()
    {
        var snackbar = Services.GetRequiredService<ISnackbar>();
        var provider = Render<MudDialogProvider>();
        var shown = provider.InvokeAsync(() => TimerStopDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), snackbar));
        provider.WaitForElement("[data-testid=timer-stop-dialog]");

        provider.Find("[data-testid=timer-discard]").Click();
        provider.Find("[data-testid=timer-discard-confirm]").Click();

        (await shown).Should().BeTrue();
        (await RunningAsync()).Should().BeNull();
        snackbar.ShownSnackbars.Should().ContainSingle().Which.Message.Should().Contain("Timer discarded").And.Contain("KT-");
    }
}
