using Bunit;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Billing.Consent;
using KtPortal.Domain.Billing.Plans;
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

/// <summary>The overage consent panel under the hours meter, over the real services (in-memory SQLite) and live notifier.</summary>
public sealed class OverageConsentPanelTests : PortalTestContext
{
    private DomainTestHost _host = null!;
    private int _acme;
    private int _ticket;
    private Actor _staff = null!;
    private Actor _alice = null!;
    private Actor _carol = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        _acme = await _host.CreateClientAsync("Acme Dental");
        _staff = await _host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        _alice = await _host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, _acme);
        _carol = await _host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, _acme);
        Services.AddSingleton(new UsageQueries(_host.Get<IDbContextFactory<KtPortalDbContext>>(), _host.Clock, new PortalSettings()));
        Services.AddScoped(_ => _host.Services.CreateScope().ServiceProvider.GetRequiredService<OverageConsentService>());
        Services.AddSingleton(_host.Get<IChangeNotifier>());

        await _host.WithAsync<PlanService, int>(s => s.CreateAsync(_staff, _acme,
            new PlanInput("Basic Maintenance", 600, [SupportType.TroubleshootingId], 120_00, 95_00, 500_00, 1, new DateOnly(2026, 11, 1))));
        _ticket = await _host.WithAsync<TicketService, int>(s => s.CreateAsync(_staff,
            new NewTicketInput(TicketType.Troubleshooting, SupportType.TroubleshootingId, "Site down", "Help", ClientId: _acme)));
        await _host.WithAsync<OverageConsentService>(s => s.SetAskBeforeOverageAsync(_staff, _acme, true));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private Task LogAsync(string duration) =>
        _host.WithAsync<TimeEntryService, long>(s => s.LogAsync(_staff, _ticket, new TimeEntryInput(new DateOnly(2026, 11, 24), duration)));

    private IRenderedComponent<HoursMeter> Meter(Actor actor, bool forStaff = false)
    {
        SignInAs(actor);
        return Render<HoursMeter>(p => p.Add(c => c.ClientId, _acme).Add(c => c.ForStaff, forStaff));
    }

    [Fact]
    public async Task ShouldAskTheAdminLive_AndApproveWhatSheTypes()
    {
        var meter = Meter(_alice);
        meter.WaitForAssertion(() => meter.Find("[data-testid=overage-consent]").GetAttribute("data-state").Should().Be("notasked"));
        meter.FindAll("[data-testid=overage-consent-hours]").Should().BeEmpty("nothing to answer yet");

        await LogAsync("11h");
        meter.WaitForAssertion(() => meter.Find("[data-testid=overage-consent]").GetAttribute("data-state").Should().Be("requested"));
        meter.Find("[data-testid=overage-consent-text]").TextContent.Should().Contain("1 h more has been logged");
        meter.Find("input[data-testid=overage-consent-hours]").GetAttribute("value").Should().Be("1", "enough for what is logged");

        meter.Find("input[data-testid=overage-consent-hours]").Change("2.5");
        meter.Find("[data-testid=overage-consent-approve]").Click();

        meter.WaitForAssertion(() => meter.Find("[data-testid=overage-consent]").GetAttribute("data-state").Should().Be("approved"));
        meter.Find("#overage-consent-title").TextContent.Should().Be("Up to 2.5 extra hours approved");
        meter.Find("[data-testid=pending-charges]").TextContent.Should().Contain("$95.00");
    }

    [Fact]
    public async Task ShouldKeepWhatWasTyped_AndSayWhatIsWrong()
    {
        await LogAsync("11h");
        var meter = Meter(_alice);
        meter.WaitForAssertion(() => meter.Find("[data-testid=overage-consent-hours]"));

        meter.Find("input[data-testid=overage-consent-hours]").Change("lots");
        meter.Find("[data-testid=overage-consent-approve]").Click();

        meter.WaitForAssertion(() => meter.Find("[data-testid=overage-consent]").TextContent.Should().Contain("Use hours and minutes"));
        meter.Find("input[data-testid=overage-consent-hours]").GetAttribute("value").Should().Be("lots");
        meter.Find("[data-testid=overage-consent]").GetAttribute("data-state").Should().Be("requested", "nothing changed");
    }

    [Fact]
    public async Task ShouldHold_AndOfferToApproveLater()
    {
        await LogAsync("11h");
        var meter = Meter(_alice);
        meter.WaitForAssertion(() => meter.Find("[data-testid=overage-consent-hold]").Click());

        meter.WaitForAssertion(() => meter.Find("[data-testid=overage-consent]").GetAttribute("data-state").Should().Be("held"));
        meter.Find("[data-testid=overage-consent-text]").TextContent.Should().Contain("1 h logged past it is not billed");
        meter.FindAll("[data-testid=overage-consent-hold]").Should().BeEmpty();
        meter.Find("[data-testid=overage-consent-approve]").Should().NotBeNull("the client can still approve");
    }

    [Fact]
    public async Task ShouldShowTheStateWithoutTheForm_ToStaffAndToUsersWhoAreNotAdmins()
    {
        await LogAsync("11h");
        var staff = Meter(_staff, forStaff: true);
        staff.WaitForAssertion(() => staff.Find("#overage-consent-title").TextContent.Should().Be("Waiting for the client to approve overage"));
        staff.FindAll("[data-testid=overage-consent-hours]").Should().BeEmpty();

        var carol = Meter(_carol);
        carol.WaitForAssertion(() => carol.Find("[data-testid=overage-consent]").GetAttribute("data-state").Should().Be("requested"));
        carol.FindAll("[data-testid=overage-consent-approve]").Should().BeEmpty();
    }
}
