using Bunit;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Audit;

/// <summary>The audit trail on screen: admins filter everything; a client's admins see their own client's rows only.</summary>
public sealed class AuditTrailViewTests : PortalTestContext
{
    private static readonly Actor Admin = new("admin-actor", PortalRoles.Admin, null);
    private DomainTestHost _host = null!;
    private AsyncServiceScope _scope;
    private Actor _alice = null!;

    public override async Task InitializeAsync()
    {
        _host = await DomainTestHost.CreateAsync();
        var acme = await _host.CreateClientAsync("Acme Dental");
        var birch = await _host.CreateClientAsync("Birch & Co");
        _alice = await _host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, acme);
        var carol = await _host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, acme);
        var bob = await _host.CreateUserAsync("bob@birch.test", PortalRoles.ClientAdmin, birch);
        var eve = await _host.CreateUserAsync("eve@birch.test", PortalRoles.ClientUser, birch);
        await _host.WithAsync<UserAccountService>(s => s.SetActiveAsync(_alice, carol.UserId, active: false));
        await _host.WithAsync<UserAccountService>(s => s.SetActiveAsync(bob, eve.UserId, active: false));
        _scope = _host.Services.CreateAsyncScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<AuditQueries>());
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<ClientQueries>());
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    private static List<string> Kinds(IRenderedComponent<AuditTrailView> view) =>
        [.. view.FindAll("[data-testid=audit-row]").Select(r => r.GetAttribute("data-kind")!)];

    [Fact]
    public void ShouldShowAdminsEveryRow_WithClientAndAddress_AndFilterByKind()
    {
        SignInAs(Admin);
        var view = Render<AuditTrailView>(p => p.Add(v => v.ForAdmin, true));

        view.WaitForAssertion(() => Kinds(view).Should().Contain([AuditKinds.ClientCreated, AuditKinds.PersonDeactivated]));
        view.Find("[data-testid=audit-row][data-kind=person-deactivated]").TextContent.Should().Contain(TestAuditOrigin.Address);
        view.Find("[data-testid=audit-csv]").GetAttribute("href").Should().Be("/settings/audit.csv");

        view.Find("[data-testid=audit-filter-kind]").Change(AuditKinds.PersonDeactivated);

        view.WaitForAssertion(() => Kinds(view).Should().Equal(AuditKinds.PersonDeactivated, AuditKinds.PersonDeactivated));
        view.Find("[data-testid=audit-csv]").GetAttribute("href").Should().Be("/settings/audit.csv?kind=person-deactivated");
    }

    [Fact]
    public void ShouldRefuseDatesOutOfOrder_AndKeepShowingTheRows()
    {
        SignInAs(Admin);
        var view = Render<AuditTrailView>(p => p.Add(v => v.ForAdmin, true));
        view.WaitForAssertion(() => Kinds(view).Should().NotBeEmpty());
        var before = Kinds(view);

        view.Find("[data-testid=audit-filter-to]").Change("2026-11-30");
        view.WaitForAssertion(() => Kinds(view).Should().Equal(before));
        view.Find("[data-testid=audit-filter-from]").Change("2026-12-15");

        view.Find("[data-testid=audit-filter-error]").TextContent.Should().Contain("The From date is after the To date");
        Kinds(view).Should().Equal(before, "the table keeps the last filter that made sense");
        view.Find("[data-testid=audit-filter-from]").Change("2026-11-01");
        view.WaitForAssertion(() => view.FindAll("[data-testid=audit-filter-error]").Should().BeEmpty());
        Kinds(view).Should().Equal(before);
    }

    [Fact]
    public void ShouldShowAClientAdminOnlyTheirClientsRows_WithoutAddressesClientFilterOrCsv()
    {
        SignInAs(_alice);
        var view = Render<AuditTrailView>();

        view.WaitForAssertion(() => Kinds(view).Should().Equal(AuditKinds.PersonDeactivated));
        view.Find("[data-testid=audit-row]").TextContent.Should().Contain("carol@acme.test").And.NotContain(TestAuditOrigin.Address);
        view.FindAll("[data-testid=audit-filter-client]").Should().BeEmpty();
        view.FindAll("[data-testid=audit-csv]").Should().BeEmpty();
        view.FindAll("[data-testid=audit-filter-kind] option").Select(o => o.GetAttribute("value"))
            .Should().NotContain([AuditKinds.SignIn, AuditKinds.ClientCreated], "kinds she can never see are not offered");
    }
}
