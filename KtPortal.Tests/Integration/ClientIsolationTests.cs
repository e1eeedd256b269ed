using System.Net;
using System.Reflection;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration;

/// <summary>
/// Signed in as a user of client A, every route that takes an id answers 404 for client B's ids
/// (not 403: the id's existence is not revealed), and works for A's own.
/// </summary>
public sealed class ClientIsolationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    /// <summary>Every routable page with a parameter; a new one must be added here, with its isolation test.</summary>
    private static readonly HashSet<string> CoveredRoutes = ["/tickets/{Number}", "/clients/{Id:int}", "/invoices/{Id:int}", "/invoices/{Id:int}/edit", "/email/outbox/{Id:long}", "/clients/{Id:int}/statement", "/credit-notes/{Id:int}"];

    private static readonly Actor System = Actor.System;

    private async Task<(int AcmeId, int BirchId, TicketListItem[] Tickets)> DemoAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(System);
        var tickets = await scope.ServiceProvider.GetRequiredService<TicketQueries>().ListAsync(System, TicketFilter.None, 0, 100);
        return (clients.Single(c => c.Name == DemoData.AcmeName).Id, clients.Single(c => c.Name == DemoData.BirchName).Id, [.. tickets.Items]);
    }

    [Fact]
    public void ShouldCoverEveryRouteThatTakesAnId()
    {
        var routes = typeof(KtPortal.Web.Security.CurrentActor).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => t.Contains('{', StringComparison.Ordinal));

        routes.Should().BeEquivalentTo(CoveredRoutes);
    }

    [Fact]
    public async Task ShouldShowAClientsStatementToStaffAndItsOwnAdmins_And404ToEveryoneElse()
    {
        var (acme, birch, _) = await DemoAsync();
        foreach (var (email, clientId, expected) in new[]
        {
            (DemoData.StaffEmail, acme, HttpStatusCode.OK), (DemoData.AliceEmail, acme, HttpStatusCode.OK),
            (DemoData.AliceEmail, birch, HttpStatusCode.NotFound), (DemoData.BobEmail, acme, HttpStatusCode.NotFound),
            (DemoData.CarolEmail, acme, HttpStatusCode.NotFound),
        })
        {
            using var client = PortalClient.Create(factory);
            await client.SignInAsync(email);
            using var response = await client.GetAsync($"/clients/{clientId}/statement");
            response.StatusCode.Should().Be(expected, $"{email} reading client {clientId}'s statement");
            using var pdf = await client.GetAsync($"/clients/{clientId}/statement/pdf?from=2026-01-01&to=2026-12-31");
            pdf.StatusCode.Should().Be(expected, $"{email} downloading client {clientId}'s statement");
            var html = await response.Content.ReadAsStringAsync();
            if (expected == HttpStatusCode.OK)
            {
                html.Should().Contain("data-testid=\"statement-closing\"");
            }
            else
            {
                html.Should().NotContain("data-testid=\"statement-closing\"");
            }
        }
    }

    [Fact]
    public async Task ShouldShowACreditNoteItsPdfAndTheListToStaffAndItsOwnClient_And404ToEveryoneElse()
    {
        var (_, birch, _) = await DemoAsync();
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Invoices.CreditNotes.CreditNoteService>().IssueStandaloneAsync(
                new Actor("isolation-test", PortalRoles.Staff, null),
                new KtPortal.Domain.Invoices.CreditNotes.StandaloneCreditNoteInput(birch, [new("Goodwill for Birch only", 12_00)], "Birch's own reason"));
        }

        foreach (var (email, expected) in new[]
        {
            (DemoData.StaffEmail, HttpStatusCode.OK), (DemoData.BobEmail, HttpStatusCode.OK),
            (DemoData.AliceEmail, HttpStatusCode.NotFound), (DemoData.CarolEmail, HttpStatusCode.NotFound),
        })
        {
            using var client = PortalClient.Create(factory);
            await client.SignInAsync(email);
            using var page = await client.GetAsync($"/credit-notes/{id}");
            using var pdf = await client.GetAsync($"/credit-notes/{id}/pdf");
            using var image = await client.GetAsync($"/credit-notes/{id}/pages/1.png");
            using var list = await client.GetAsync("/credit-notes");
            page.StatusCode.Should().Be(expected, $"{email} opening Birch's credit note");
            pdf.StatusCode.Should().Be(expected, $"{email} downloading Birch's credit note");
            image.StatusCode.Should().Be(expected, $"{email} viewing Birch's credit note's page");
            var listed = (await list.Content.ReadAsStringAsync()).Contains("Birch&#x27;s own reason", StringComparison.Ordinal)
                || (await list.Content.ReadAsStringAsync()).Contains("Birch's own reason", StringComparison.Ordinal);
            listed.Should().Be(expected == HttpStatusCode.OK, $"{email} listing credit notes");
            if (expected == HttpStatusCode.OK)
            {
                pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
            }
            else
            {
                (await page.Content.ReadAsStringAsync()).Should().NotContain("Goodwill for Birch only");
            }
        }
    }

    [Fact]
    public async Task ShouldShowAnOutboxMessageToAdminsOnly_AndAnswer404ToStaffAndClients()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Accounts.PasswordResetService>().RequestAsync(DemoData.BobEmail);
        }

        KtPortal.Domain.Email.Outbound.OutboxMessage message;
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<KtPortal.Domain.Data.KtPortalDbContext>>().CreateDbContextAsync())
        {
            message = db.OutboxMessages.First(m => m.Kind == "password-reset" && m.ToAddress == DemoData.BobEmail);
        }

        foreach (var email in new[] { DemoData.AliceEmail, DemoData.BobEmail, DemoData.StaffEmail })
        {
            using var client = PortalClient.Create(factory);
            await client.SignInAsync(email);
            using var response = await client.GetAsync($"/email/outbox/{message.Id}");
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, email);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(message.Subject);
        }

        using var admin = PortalClient.Create(factory);
        await admin.SignInAsync(DemoData.AdminEmail);
        using var shown = await admin.GetAsync($"/email/outbox/{message.Id}");
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        (await shown.Content.ReadAsStringAsync()).Should().Contain(WebUtility.HtmlEncode(message.Subject));
    }

    [Fact]
    public async Task ShouldShowEachClientAdminTheUsageHistoryOfTheirOwnClientOnly()
    {
        var (acmeId, birchId, _) = await DemoAsync();
        string[] Expected(KtPortal.Domain.Reports.UsageHistory history) =>
            [.. history.Rows.Select(r => $"{r.Period.Period.Start:yyyy-MM-dd} {KtPortal.Domain.Common.Hours.FormatFixed(r.Period.UsedMinutes)} {KtPortal.Domain.Common.Hours.FormatFixed(r.Period.OutOfPlanMinutes)}")];
        string[] acme, birch;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var history = scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Reports.UsageHistoryQueries>();
            acme = Expected((await history.GetAsync(System, acmeId))!);
            birch = Expected((await history.GetAsync(System, birchId))!);
        }

        acme.Should().NotEqual(birch, "the demo's clients have different hours, so a leak would show");
        foreach (var (email, own) in new[] { (DemoData.AliceEmail, acme), (DemoData.BobEmail, birch) })
        {
            using var client = PortalClient.Create(factory);
            await client.SignInAsync(email);
            using var dashboard = await client.GetAsync("/dashboard");
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await dashboard.Content.ReadAsStringAsync());

            var rows = document.QuerySelectorAll("[data-testid=usage-history-row]")
                .Select(r => $"{r.GetAttribute("data-period-start")} {r.QuerySelector("td[data-label=Used]")!.TextContent.Trim()} {r.QuerySelector("td[data-label='Out of plan']")!.TextContent.Trim()}");

            rows.Should().Equal(own, $"{email} sees their own client's periods, newest first");
        }
    }

    [Fact]
    public async Task ShouldGiveTheMonthlyReportPdfToStaffAndTheClientsAdmins_And404ToEveryoneElse()
    {
        var (acmeId, _, _) = await DemoAsync();
        DateOnly start;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<KtPortal.Domain.Data.KtPortalDbContext>>().CreateDbContextAsync();
            start = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(db.BillingPeriods.Where(p => p.ClientId == acmeId), p => p.StartDate);
        }

        var path = $"/clients/{acmeId}/monthly-report.pdf?period={start:yyyy-MM-dd}";
        foreach (var (email, expected) in new[]
        {
            (DemoData.StaffEmail, HttpStatusCode.OK), (DemoData.AliceEmail, HttpStatusCode.OK),
            (DemoData.CarolEmail, HttpStatusCode.NotFound), (DemoData.BobEmail, HttpStatusCode.NotFound),
        })
        {
            using var client = PortalClient.Create(factory);
            await client.SignInAsync(email);
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(expected, email);
            if (expected == HttpStatusCode.OK)
            {
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
            }
        }

        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);
        using var noPeriod = await staff.GetAsync($"/clients/{acmeId}/monthly-report.pdf?period=1999-01-01");
        using var badDay = await staff.GetAsync($"/clients/{acmeId}/monthly-report.pdf?period=soon");
        noPeriod.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badDay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ShouldAnswer404ForAnotherClientsTicket_AndShowTheirOwn()
    {
        var (_, _, tickets) = await DemoAsync();
        var birchTicket = tickets.First(t => t.ClientName == DemoData.BirchName);
        var acmeTicket = tickets.First(t => t.ClientName == DemoData.AcmeName);
        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);

        using var foreign = await alice.GetAsync($"/tickets/{birchTicket.DisplayNumber}");
        using var own = await alice.GetAsync($"/tickets/{acmeTicket.DisplayNumber}");

        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await foreign.Content.ReadAsStringAsync()).Should().NotContain(birchTicket.Title);
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).Should().Contain(WebUtility.HtmlEncode(acmeTicket.Title));
    }

    [Fact]
    public async Task ShouldAnswer404ForAColleaguesTicket_WhenAClientUserIsNotItsRequester()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var aliceId = (await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Accounts.ClientUserQueries>()
            .ListAsync(System, (await DemoAsync()).AcmeId)).Single(u => u.Email == DemoData.AliceEmail).UserId;
        var alicesTickets = await scope.ServiceProvider.GetRequiredService<TicketQueries>()
            .ListAsync(new Actor(aliceId, PortalRoles.ClientUser, (await DemoAsync()).AcmeId), TicketFilter.None, 0, 100);
        using var carol = PortalClient.Create(factory);
        await carol.SignInAsync(DemoData.CarolEmail);

        using var response = await carol.GetAsync($"/tickets/{alicesTickets.Items[0].DisplayNumber}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ShouldAnswer404ForClientPages_WhenAClientUserAsks_AndServeThemToStaff()
    {
        var (acmeId, birchId, _) = await DemoAsync();
        using var bob = PortalClient.Create(factory);
        await bob.SignInAsync(DemoData.BobEmail);
        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);

        using var bobOnAcme = await bob.GetAsync($"/clients/{acmeId}");
        using var bobOnBirch = await bob.GetAsync($"/clients/{birchId}");
        using var staffOnAcme = await staff.GetAsync($"/clients/{acmeId}");
        using var staffOnMissing = await staff.GetAsync("/clients/999999");

        bobOnAcme.StatusCode.Should().Be(HttpStatusCode.NotFound);
        bobOnBirch.StatusCode.Should().Be(HttpStatusCode.NotFound);
        staffOnAcme.StatusCode.Should().Be(HttpStatusCode.OK);
        (await staffOnAcme.Content.ReadAsStringAsync()).Should().Contain(DemoData.AcmeName);
        staffOnMissing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/tickets/KT-999999")]
    [InlineData("/tickets/not-a-number")]
    public async Task ShouldAnswer404_WhenTheTicketNumberDoesNotExist(string path)
    {
        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);

        using var response = await alice.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/clients")]
    [InlineData("/tickets/KT-1001")]
    [InlineData("/dashboard")]
    public async Task ShouldSendAnonymousVisitorsToSignIn(string path)
    {
        using var anonymous = PortalClient.Create(factory);

        using var response = await anonymous.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("Account/Login");
    }
}
