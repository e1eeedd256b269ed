using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.TimeTracking.Week;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.TimeTracking;

/// <summary>My week: my hours against my capacity, and logging time on a ticket chosen by words or number without opening it.</summary>
public sealed class MyWeekPageTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private Actor _staff = null!;
    private int _ticket;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        var acme = await _host.CreateClientAsync("Acme Dental");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _ticket = await _host.CreateTicketAsync(acme, null, "Gallery broken");
        _scope = _host.Services.CreateAsyncScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<MyWeekQueries>());
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<TimeEntryService>());
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<TimerService>());
        Services.AddSingleton(_host.Get<IChangeNotifier>());
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        SignInAs(_staff);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ShouldAskForTheTicket_KeepingWhatWasTyped_ThenLogOnTheOneChosen()
    {
        await _host.WithAsync<TimeEntryService, long>(s => s.LogAsync(_staff, _ticket, new TimeEntryInput(new DateOnly(2026, 11, 23), "1h30m")));
        var popovers = Render<MudPopoverProvider>();
        var page = Render<MyWeekPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=week-total]").TextContent.Trim().Should().Be("1.5 of 40 h"));
        page.FindAll("[data-testid=week-row]").Should().ContainSingle().Which.TextContent.Should().Contain("Gallery broken").And.Contain("1.50");

        page.Type("time-duration", "45m");
        await page.Find("[data-testid=week-log]").ClickAsync(new());
        page.WaitForAssertion(() => page.Markup.Should().Contain("Choose the ticket the time is for."));
        page.Field("time-duration").GetAttribute("value").Should().Be("45m");

        await page.Field("week-ticket").FocusAsync(new());
        page.Field("week-ticket").Input($"{_ticket}");
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Should().Contain(i => i.TextContent.Contains("Gallery broken")));
        await popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Gallery broken")).ClickAsync(new());
        await page.Find("[data-testid=week-log]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=week-total]").TextContent.Trim().Should().Be("2.25 of 40 h"));
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should().Contain($"Time logged on KT-{_ticket}.");
        page.Field("time-duration").GetAttribute("value").Should().BeEmpty("the form is ready for the next entry");
    }

    [Fact]
    public void ShouldSaySo_WhenTheWeekHasNoTime()
    {
        var page = Render<MyWeekPage>();

        page.WaitForElement("[data-testid=week-empty]");
        page.Find("[data-testid=week-next]").HasAttribute("disabled").Should().BeTrue("next week has not started");
    }
}
