using Bunit;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Billing;

/// <summary>The meter component over the real usage queries (in-memory SQLite) and the real change notifier.</summary>
public sealed class HoursMeterTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private int _acme;
    private int _birch;
    private Actor _staff = null!;
    private Actor _alice = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _acme = await _host.CreateClientAsync("Acme Dental");
        _birch = await _host.CreateClientAsync("Birch & Co");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _alice = await _host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, _acme);
        Services.AddSingleton(new UsageQueries(_host.Get<IDbContextFactory<KtPortalDbContext>>(), _host.Clock, new PortalSettings()));
        Services.AddSingleton(_host.Get<IChangeNotifier>());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<int> TicketAsync(int clientId, int supportTypeId = SupportType.TroubleshootingId, TicketType type = TicketType.Troubleshooting) =>
        await _host.WithAsync<TicketService, int>(s => s.CreateAsync(_staff, new NewTicketInput(type, supportTypeId, "Site down", "Help", ClientId: clientId)));

    private Task LogAsync(int ticket, string duration) =>
        _host.WithAsync<TimeEntryService, long>(s => s.LogAsync(_staff, ticket, new TimeEntryInput(new DateOnly(2026, 11, 24), duration)));

    [Fact]
    public async Task ShouldReadTheContractSentence_ExplainTheMinimum_AndFollowNewTimeLive()
    {
        await _host.WithAsync<PlanService, int>(s => s.CreateAsync(_staff, _acme,
            new PlanInput("Basic Maintenance", 600, [SupportType.TroubleshootingId, SupportType.WordPressId], 120_00, 95_00, 500_00, 1, new DateOnly(2026, 11, 1))));
        var fix = await TicketAsync(_acme);
        var quick = await TicketAsync(_acme, SupportType.WordPressId);
        await LogAsync(fix, "6h");
        await LogAsync(quick, "15m");
        SignInAs(_alice);

        var meter = Render<HoursMeter>(p => p.Add(c => c.ClientId, _acme));

        meter.WaitForAssertion(() => meter.Find("[data-testid=hours-meter]").TextContent.Should().Be("You've used 7 of 10 hours this month"));
        meter.Find("[data-testid=meter-period]").TextContent.Should().Contain("Nov 1 – Nov 30, 2026").And.Contain("7 days left");
        meter.Find($"tr[data-ticket-number=KT-{quick}]").TextContent.Should().Contain("0.25 h").And.Contain("1.00 h").And.Contain("1-hour minimum");
        meter.FindAll("[data-testid=hours-overage]").Should().BeEmpty();

        // The component subscribes after its first render; time logged elsewhere shows up without a reload.
        await LogAsync(fix, "4.5h");
        meter.WaitForAssertion(() => meter.Find("[data-testid=hours-meter]").TextContent.Should().Be("You've used 11.5 of 10 hours this month"));
        meter.Find("[data-testid=hours-overage]").TextContent.Should().Contain("1.5 h over your plan");
        meter.Find("[data-testid=meter-bar]").GetAttribute("data-percent").Should().Be("115");
    }

    [Fact]
    public async Task ShouldSayThereIsNoPlan_AndShowTheRateCardAndOutOfPlanWork()
    {
        var feature = await TicketAsync(_birch, SupportType.DevelopmentId, TicketType.ServiceRequest);
        await LogAsync(feature, "3h");
        SignInAs(_staff);

        var meter = Render<HoursMeter>(p => p.Add(c => c.ClientId, _birch).Add(c => c.ForStaff, true));

        meter.WaitForAssertion(() => meter.Find("[data-testid=meter-no-plan]").TextContent.Should().Contain("support $95.00/h, development $120.00/h"));
        meter.FindAll("[data-testid=hours-meter]").Should().BeEmpty();
        meter.Find("[data-testid=hours-out-of-plan]").TextContent.Should().Contain("3 h of out-of-plan work");
        meter.Find("[data-testid=pending-charges]").TextContent.Should().Contain("$360.00");
    }

    [Fact]
    public async Task ShouldShowEveryAmountInThePortalCurrency_NeverADollarByDefault()
    {
        var feature = await TicketAsync(_birch, SupportType.DevelopmentId, TicketType.ServiceRequest);
        await LogAsync(feature, "3h");
        // The currency comes with the meter's read model, from the portal's settings.
        Services.AddSingleton(new UsageQueries(_host.Get<IDbContextFactory<KtPortalDbContext>>(), _host.Clock, new PortalSettings(currency: "EUR")));
        SignInAs(_staff);

        var meter = Render<HoursMeter>(p => p.Add(c => c.ClientId, _birch).Add(c => c.ForStaff, true));

        meter.WaitForAssertion(() => meter.Find("[data-testid=meter-no-plan]").TextContent.Should().Contain("support €95.00/h, development €120.00/h"));
        meter.Find("[data-testid=pending-charges]").TextContent.Should().Contain("€360.00");
        meter.Markup.Should().NotContain("$");
    }

    [Fact]
    public async Task ShouldShowNothingForAnotherClientsUser()
    {
        await _host.WithAsync<PlanService, int>(s => s.CreateAsync(_staff, _acme,
            new PlanInput("Basic Maintenance", 600, [SupportType.TroubleshootingId], 120_00, 95_00, 500_00, 1, new DateOnly(2026, 11, 1))));
        await LogAsync(await TicketAsync(_acme), "2h");
        SignInAs(new Actor("bob", PortalRoles.ClientAdmin, _birch));
        var meter = Render<HoursMeter>(p => p.Add(c => c.ClientId, _acme));

        meter.WaitForAssertion(() => meter.FindAll("[data-testid=plan-status]").Should().BeEmpty());
        meter.Markup.Should().NotContain("hours this month").And.NotContain("Basic Maintenance").And.NotContain("Site down");
    }

    [Fact]
    public async Task ShouldShowPendingChargesOnlyToWhoMaySeeInvoices()
    {
        var feature = await TicketAsync(_birch, SupportType.DevelopmentId, TicketType.ServiceRequest);
        await LogAsync(feature, "1h");
        var birchUser = await _host.CreateUserAsync("dana@birch.test", PortalRoles.ClientUser, _birch);
        SignInAs(birchUser);

        var meter = Render<HoursMeter>(p => p.Add(c => c.ClientId, _birch));

        meter.WaitForAssertion(() => meter.Find("[data-testid=hours-out-of-plan]").TextContent.Should().Contain("1 h"));
        meter.FindAll("[data-testid=pending-charges]").Should().BeEmpty();
        var hidden = await _host.WithAsync<UsageQueries, PlanMeter?>(q => q.GetMeterAsync(birchUser, _birch));
        hidden!.ShowsMoney.Should().BeFalse();
        hidden.PendingChargesMinor.Should().Be(0, "the amount never leaves the domain for a reader who may not see it");

        // Granted billing access, as with invoices, she sees the charges too.
        await _host.WithAsync<KtPortal.Domain.Accounts.UserAccountService>(s => s.SetInvoiceAccessAsync(_staff, birchUser.UserId, canView: true));
        var granted = await _host.WithAsync<UsageQueries, PlanMeter?>(q => q.GetMeterAsync(birchUser, _birch));
        granted!.ShowsMoney.Should().BeTrue();
        granted.PendingChargesMinor.Should().Be(120_00, "1 h at the development rate");
    }
}
