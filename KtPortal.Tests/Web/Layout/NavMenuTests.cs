using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Components.Layout;

namespace KtPortal.Tests.Web.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    private IReadOnlyList<string> LinksFor(Actor actor)
    {
        SignInAs(actor);
        var menu = Render<NavMenu>();
        return menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
    }

    [Fact]
    public void ShouldShowTheBoardAndClients_WhenStaffIsSignedIn() =>
        LinksFor(new Actor("s", PortalRoles.Staff, null)).Should().Equal("/board", "/tickets", "/time/week", "/clients", "/invoices", "/reports", "/canned-replies", "/email/inbound", "/estimates/accuracy");

    [Fact]
    public void ShouldShowTheSettingsPages_OnlyToAdmins() =>
        LinksFor(new Actor("a", PortalRoles.Admin, null)).Should().Equal("/board", "/tickets", "/time/week", "/clients", "/invoices", "/reports", "/canned-replies", "/email/inbound", "/estimates/accuracy", "/settings/agency", "/email/outbox", "/settings/support-types", "/settings/plan-templates", "/settings/service-levels", "/settings/people", "/settings/audit");

    [Fact]
    public void ShouldShowTheTeamPage_OnlyToClientAdmins()
    {
        LinksFor(new Actor("a", PortalRoles.ClientAdmin, 1)).Should().Equal("/dashboard", "/tickets", "/tickets/new", "/invoices", "/team");
        LinksFor(new Actor("c", PortalRoles.ClientUser, 1)).Should().Equal("/dashboard", "/tickets", "/tickets/new");
    }
}
