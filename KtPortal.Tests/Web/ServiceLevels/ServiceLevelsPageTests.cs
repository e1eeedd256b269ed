using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Domain.ServiceLevels;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.ServiceLevels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.ServiceLevels;

/// <summary>
/// Admins set the service levels on one page: a policy from the dialog (a figure that does not read keeps what was
/// typed, with its message), a client on another policy, a day off, business hours that must have an open day.
/// </summary>
public sealed class ServiceLevelsPageTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private Actor _admin = null!;
    private int _acmeId;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _admin = await _host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        _acmeId = await _host.CreateClientAsync("Acme Dental");
        _scope = _host.Services.CreateAsyncScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<ServiceLevelService>());
        Services.AddSingleton(_host.Get<IChangeNotifier>());
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        SignInAs(_admin);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ShouldKeepWhatWasTypedWithItsMessage_ThenAddThePolicy()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ServiceLevelsPage>();
        page.WaitForElement("[data-testid=service-levels]");
        page.FindAll("[data-testid=sla-policy]").Select(p => p.GetAttribute("data-policy-name")).Should().Equal("Standard");

        // The page waits on the dialog's result: click without waiting for the handler.
        _ = page.InvokeAsync(() => page.Find("[data-testid=sla-policy-add]").Click());
        dialogs.WaitForElement("[data-testid=sla-policy-dialog]");
        dialogs.Type("sla-policy-name", "Premium");
        dialogs.Type("sla-policy-response", "soon");
        await dialogs.Find("[data-testid=sla-policy-save]").ClickAsync(new());

        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Urgent first response target"));
        dialogs.Field("sla-policy-response").GetAttribute("value").Should().Be("soon");
        dialogs.Field("sla-policy-name").GetAttribute("value").Should().Be("Premium");

        dialogs.Type("sla-policy-response", "0:30");
        await dialogs.Find("[data-testid=sla-policy-save]").ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=sla-policy]").Select(p => p.GetAttribute("data-policy-name")).Should().Equal("Standard", "Premium"));
        await using var db = await _host.OpenDbAsync();
        var premium = await db.SlaPolicies.Include(p => p.Targets).SingleAsync(p => p.Name == "Premium");
        premium.Targets.Single(t => t.Priority == TicketPriority.Urgent).ResponseMinutes.Should().Be(30);
        premium.IsDefault.Should().BeFalse();
    }

    [Fact]
    public async Task ShouldPutAClientOnAnotherPolicy_FromItsRow()
    {
        var premium = await _host.WithAsync<ServiceLevelService, int>(s => s.SavePolicyAsync(_admin, null,
            new SlaPolicyInput("Premium", [new SlaTargetInput(TicketPriority.Urgent, SlaBasis.Calendar, 30, 240)]), null));
        var page = Render<ServiceLevelsPage>();
        page.WaitForElement("[data-testid=sla-client-row]");

        page.Find("[data-testid=sla-client-row][data-client='Acme Dental'] select").Change(premium.ToString(System.Globalization.CultureInfo.InvariantCulture));

        page.WaitForAssertion(() => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)
            .Should().Contain(m => m.StartsWith("Acme Dental: Premium", StringComparison.Ordinal)));
        await using var db = await _host.OpenDbAsync();
        (await db.Clients.SingleAsync(c => c.Id == _acmeId)).SlaPolicyId.Should().Be(premium);
    }

    [Fact]
    public async Task ShouldRefuseADayOffWithoutAName_ThenListIt()
    {
        var page = Render<ServiceLevelsPage>();
        page.WaitForElement("[data-testid=agency-days-empty]");
        page.Type("agency-day-date", "2026-12-24");

        await page.Find("[data-testid=agency-day-add]").ClickAsync(new());
        page.WaitForAssertion(() => page.Markup.Should().Contain("Name is required."));
        page.Field("agency-day-date").GetAttribute("value").Should().Be("2026-12-24");

        page.Type("agency-day-name", "Christmas Eve");
        await page.Find("[data-testid=agency-day-add]").ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=agency-day]").TextContent.Should().Contain("Christmas Eve").And.Contain("Dec 24, 2026"));
    }

    [Fact]
    public async Task ShouldRefuseBusinessHoursWithNoOpenDay_AndKeepTheOldHours()
    {
        var page = Render<ServiceLevelsPage>();
        page.WaitForElement("[data-testid=business-hours-days]");
        foreach (var box in page.FindAll("[data-testid=business-hours-days] input[type=checkbox]").Where(b => b.HasAttribute("checked")).ToList())
        {
            await page.InvokeAsync(() => box.Change(false));
        }

        page.FindAll("[data-testid=business-hours-days] input[type=checkbox]").Should().OnlyContain(b => !b.HasAttribute("checked"));
        await page.Find("[data-testid=business-hours-save]").ClickAsync(new());

        page.WaitForElement("[data-testid=business-hours-days-error]").TextContent.Should().Contain("Choose at least one open day.");
        await using var db = await _host.OpenDbAsync();
        (await db.BusinessHours.SingleAsync()).OpenDays.Should().Be(BusinessHoursSettings.DefaultOpenDays);
    }
}
