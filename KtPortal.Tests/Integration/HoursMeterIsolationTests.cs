using System.Net;
using KtPortal.Domain.Seeding;

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
    public async Task Alices_first_paint_reads_7_of_10_and_Bob_sees_none_of_Acmes_plan_or_tickets()
    {
        var alice = await DashboardAsync(DemoData.AliceEmail);
        alice.Should().Contain("data-testid=\"hours-meter\"").And.Contain("You've used 7 of 10 hours this month");
        alice.Should().Contain("Contact form not sending e-mails", "the meter lists the tickets behind the hours");

        var bob = await DashboardAsync(DemoData.BobEmail);
        bob.Should().NotContain("Basic Maintenance").And.NotContain("hours this month").And.NotContain("Contact form not sending e-mails");
        bob.Should().Contain("billed at the rate card").And.Contain("Shop checkout fails with PayPal");
    }
}
