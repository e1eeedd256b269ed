using Bunit;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.People;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.People;

/// <summary>Admins see the agency's people and change them after confirming; a refusal is said, not swallowed.</summary>
public sealed class PeoplePageTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private Actor _avery = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _avery = await _host.CreateUserAsync("avery@kt.test", PortalRoles.Admin, null);
        await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _scope = _host.Services.CreateAsyncScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<PeopleService>());
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<InvitationService>());
        Services.AddSingleton(_host.Get<IChangeNotifier>());
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        SignInAs(_avery);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public void ShouldDeactivateAfterConfirming_AndOfferNothingAgainstOneself()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PeoplePage>();
        page.WaitForAssertion(() => page.FindAll("tr").Should().Contain(r => r.TextContent.Contains("sam@kt.test")));
        var samRow = () => page.FindAll("tbody tr").Single(r => r.TextContent.Contains("sam@kt.test"));
        page.FindAll("tbody tr").Single(r => r.TextContent.Contains("avery@kt.test"))
            .QuerySelectorAll("[data-testid=person-role-change], [data-testid=person-active-toggle]").Should().BeEmpty("no one deactivates or demotes themselves here");

        _ = page.InvokeAsync(() => samRow().QuerySelector("[data-testid=person-active-toggle]")!.Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Deactivate sam?"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Deactivate").Click();

        page.WaitForAssertion(() => samRow().QuerySelector("[data-testid=person-status]")!.TextContent.Trim().Should().Be("Deactivated"));
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should().Contain("sam is deactivated.");
    }

    [Fact]
    public async Task ShouldKeepWhatWasTypedWithAFieldMessage_ThenInviteAndListThePendingInvitation()
    {
        var page = Render<PeoplePage>();
        page.WaitForElement("[data-testid=people-table]");
        page.Type("staff-invite-name", "Robin");
        page.Type("staff-invite-email", "robin at kt");

        await page.Find("[data-testid=staff-invite-send]").ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.Should().Contain("E-mail must be a valid e-mail address."));
        page.Field("staff-invite-name").GetAttribute("value").Should().Be("Robin");
        page.Field("staff-invite-email").GetAttribute("value").Should().Be("robin at kt");

        page.Type("staff-invite-email", "robin@kt.test");
        await page.Find("[data-testid=staff-invite-send]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=staff-pending]").TextContent.Should().Contain("robin@kt.test").And.Contain("Staff"));
        page.Field("staff-invite-name").GetAttribute("value").Should().BeEmpty("the form is ready for the next person");
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should().Contain(m => m.StartsWith("Invitation e-mailed to robin@kt.test", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldRefuseAWeekOver80Hours_KeepingWhatWasTyped_ThenSetTheCapacity()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PeoplePage>();
        page.WaitForAssertion(() => page.FindAll("tr").Should().Contain(r => r.TextContent.Contains("sam@kt.test")));
        var capacity = () => page.FindAll("tbody tr").Single(r => r.TextContent.Contains("sam@kt.test")).QuerySelector("[data-testid=person-capacity]")!;
        capacity().TextContent.Trim().Should().Be("40 h a week");

        _ = page.InvokeAsync(() => capacity().Click());
        dialogs.WaitForElement("[data-testid=capacity-hours]");
        dialogs.Type("capacity-hours", "90");
        _ = dialogs.InvokeAsync(() => dialogs.Find("[data-testid=capacity-save]").Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Enter between 0 and 80 hours a week"));
        dialogs.Field("capacity-hours").GetAttribute("value").Should().Be("90");

        dialogs.Type("capacity-hours", "32.5");
        _ = dialogs.InvokeAsync(() => dialogs.Find("[data-testid=capacity-save]").Click());

        page.WaitForAssertion(() => capacity().TextContent.Trim().Should().Be("32.5 h a week"));
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should().Contain("sam: 32.5 h a week.");
    }
}
