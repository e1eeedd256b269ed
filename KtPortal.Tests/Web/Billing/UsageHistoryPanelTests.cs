using Bunit;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Reports;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Billing.History;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.Web.Billing;

/// <summary>The dashboard's usage history: a row per period, each opening its tickets and, for those who may see charges, its invoices.</summary>
public sealed class UsageHistoryPanelTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private Actor _alice = null!;
    private Actor _carol = null!;
    private int _acme;
    private int _ticket;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _acme = await _host.CreateClientAsync("Acme Dental");
        var staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _alice = await _host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, _acme);
        _carol = await _host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, _acme);
        await _host.WithAsync<PlanService, int>(s => s.CreateAsync(staff, _acme,
            new PlanInput("Basic Maintenance", 600, [SupportType.TroubleshootingId], 120_00, 95_00, 500_00, 1, new DateOnly(2026, 11, 1))));
        _ticket = await _host.CreateTicketAsync(_acme, _alice.UserId, "Gallery broken");
        await _host.WithAsync<TimeEntryService, long>(s => s.LogAsync(staff, _ticket, new TimeEntryInput(new DateOnly(2026, 11, 24), "2h")));
        await _host.WithAsync<BillingCycle, BillingRunResult>(c => c.RunAsync(_host.Clock.GetUtcNow()));
        _scope = _host.Services.CreateAsyncScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<UsageHistoryQueries>());
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<UsageQueries>());
        Services.AddSingleton(_host.Get<IChangeNotifier>());
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public void ShouldOpenAPeriodWithItsTicketsAndInvoices()
    {
        SignInAs(_alice);
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<UsageHistoryPanel>(p => p.Add(x => x.ClientId, _acme));
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=usage-history-row]").Should().ContainSingle());
        panel.Find("td[data-label=Used]").TextContent.Trim().Should().Be("2.00");
        panel.Find("td[data-label=Invoiced]").TextContent.Should().Contain("500.00", "the plan fee issued when the period opened");

        _ = panel.InvokeAsync(() => panel.Find("[data-testid=usage-history-open]").Click());

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=meter-tickets]").TextContent.Should().Contain("Gallery broken"));
        dialogs.Find("[data-testid=period-details-invoices]").TextContent.Should().Contain("Plan fee");
        dialogs.Find("[data-testid=period-details-summary]").TextContent.Trim().Should().Be("2 of 10 plan hours used.");
    }

    [Fact]
    public void ShouldShowHoursButNoMoney_ToAClientUserWithoutBillingAccess()
    {
        SignInAs(_carol);
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<UsageHistoryPanel>(p => p.Add(x => x.ClientId, _acme));
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=usage-history-row]").Should().ContainSingle());
        panel.FindAll("td[data-label=Invoiced]").Should().BeEmpty();

        _ = panel.InvokeAsync(() => panel.Find("[data-testid=usage-history-open]").Click());

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=period-details]").TextContent.Should().Contain("1 other ticket of your team"));
        dialogs.FindAll("[data-testid=period-details-invoices]").Should().BeEmpty();
    }
}
