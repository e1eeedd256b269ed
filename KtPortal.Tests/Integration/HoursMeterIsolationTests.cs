using System.Net;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration;

/// <summary>The first-run demo through real HTTP and sign-ins: Acme's meter on the first paint, and none of it for Birch.</summary>
public sealed class HoursMeterIsolationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private async Task<string> DashboardAsync(string email)
    {
        using var client = PortalClient.Create(factory);
        await client.SignInAsync(email);
        var response = await client.GetAsync("/dashboard");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ShouldRead7Of10OnAlicesFirstPaint_AndShowBobNoneOfAcmes()
    {
        var alice = await DashboardAsync(DemoData.AliceEmail);
        alice.Should().Contain("data-testid=\"hours-meter\"").And.Contain("You've used 7 of 10 hours this month");
        alice.Should().Contain("Contact form not sending e-mails", "the meter lists the tickets behind the hours");

        var bob = await DashboardAsync(DemoData.BobEmail);
        bob.Should().NotContain("Basic Maintenance").And.NotContain("hours this month").And.NotContain("Contact form not sending e-mails");
        bob.Should().Contain("billed at the rate card").And.Contain("Shop checkout fails with PayPal");
    }
}

/// <summary>A client user sees her client's totals, but only the tickets she may open by name.</summary>
public sealed class HoursMeterTicketScopeTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task ShouldShowCarolTheTotals_ButNoTitleOrLinkOfAColleaguesTicket()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ClientQueries>();
        var acme = (await clients.ListAsync(Actor.System)).Single(c => c.Name == DemoData.AcmeName);
        var carol = (await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Accounts.ClientUserQueries>().ListAsync(Actor.System, acme.Id)).Single(u => u.Email == DemoData.CarolEmail);
        var usage = scope.ServiceProvider.GetRequiredService<UsageQueries>();
        var all = (await usage.GetMeterAsync(Actor.System, acme.Id))!;
        var asCarol = (await usage.GetMeterAsync(new Actor(carol.UserId, PortalRoles.ClientUser, acme.Id), acme.Id))!;
        var hidden = all.Tickets.Where(t => asCarol.Tickets.All(c => c.TicketId != t.TicketId)).ToList();
        hidden.Should().NotBeEmpty("the demo has time on Acme tickets Carol did not raise");
        asCarol.UsedMinutes.Should().Be(all.UsedMinutes, "the meter's totals are the client's");
        asCarol.OtherTickets!.Count.Should().Be(hidden.Count);
        asCarol.OtherTickets.LoggedMinutes.Should().Be(hidden.Sum(t => t.LoggedMinutes));

        using var client = PortalClient.Create(factory);
        await client.SignInAsync(DemoData.CarolEmail);
        var html = WebUtility.HtmlDecode(await (await client.GetAsync("/dashboard")).Content.ReadAsStringAsync());

        html.Should().Contain("You've used 7 of 10 hours this month").And.Contain("of your team");
        foreach (var ticket in hidden)
        {
            html.Should().NotContain(ticket.Title).And.NotContain($"/tickets/KT-{ticket.Number}\"");
        }
    }
}
