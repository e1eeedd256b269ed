using System.Net;
using KtPortal.Domain.Common;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Estimation;

/// <summary>Over HTTP on the demo data: staff see the internal estimate; the client sees only the quote sent to them; another client nothing.</summary>
public sealed class EstimateIsolationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private const int BookingWidget = 1002; // Acme's Service Request, in progress, raised by Alice
    private const string Secret = "Margin for the plugin licence";

    private async Task QuoteBookingWidgetAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var estimation = scope.ServiceProvider.GetRequiredService<EstimationService>();
        var queries = scope.ServiceProvider.GetRequiredService<EstimateQueries>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<KtPortal.Domain.Accounts.PortalUser>>();
        var staff = new Actor((await users.FindByEmailAsync(DemoData.StaffEmail))!.Id, PortalRoles.Staff, null);
        await estimation.EnsureEstimateAsync(staff, BookingWidget);
        var estimate = (await queries.GetAsync(staff, BookingWidget))!;
        if (!estimate.IsSettled)
        {
            await estimation.SettleAsync(staff, BookingWidget, 300, Secret, estimate.ConcurrencyStamp);
            await estimation.SendQuoteAsync(staff, BookingWidget, "Two rounds of changes included.");
        }
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string email, string path)
    {
        using var client = PortalClient.Create(factory);
        await client.SignInAsync(email);
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ShouldShowStaffTheInternalEstimateAndItsSimilarTickets()
    {
        await QuoteBookingWidgetAsync();

        var (status, html) = await GetAsync(DemoData.StaffEmail, "/tickets/KT-1002");

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("data-testid=\"ticket-estimate\"").And.Contain(Secret).And.Contain("data-testid=\"estimate-explanation\"");
        html.Should().Contain("about 5 h, about $600.00 at your development rate");
    }

    [Fact]
    public async Task ShouldShowTheClientTheirQuote_ButNeverTheInternalEstimate()
    {
        await QuoteBookingWidgetAsync();

        var (status, html) = await GetAsync(DemoData.AliceEmail, "/tickets/KT-1002");

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("data-testid=\"ticket-quote\"").And.Contain("about 5 h, about $600.00 at your development rate")
            .And.Contain("Two rounds of changes included.").And.Contain("data-testid=\"quote-approve\"");
        var (_, dashboard) = await GetAsync(DemoData.AliceEmail, "/dashboard");
        dashboard.Should().Contain("data-testid=\"quote-awaiting\" data-ticket-number=\"KT-1002\"");
        html.Should().NotContain("ticket-estimate").And.NotContain(Secret).And.NotContain("Based on KT-").And.NotContain("No similar resolved tickets")
            .And.NotContain("Estimate adjusted").And.NotContain("Estimate accepted");
    }

    [Fact]
    public async Task ShouldAnswer404_WhenAnotherClientAsksForTheTicketOrItsQuote()
    {
        await QuoteBookingWidgetAsync();

        var (status, html) = await GetAsync(DemoData.BobEmail, "/tickets/KT-1002");

        status.Should().Be(HttpStatusCode.NotFound);
        html.Should().NotContain("about 5 h").And.NotContain(Secret);
        (await GetAsync(DemoData.BobEmail, "/dashboard")).Html.Should().NotContain("quote-awaiting");
    }

    [Theory]
    [InlineData(DemoData.AliceEmail)]
    [InlineData(DemoData.CarolEmail)]
    [InlineData(DemoData.BobEmail)]
    public async Task ShouldAnswer404_WhenAClientOpensTheAccuracyPage(string email) =>
        (await GetAsync(email, "/estimates/accuracy")).Status.Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task ShouldShowStaffAccuracyFigures_AndFlagWorkAwaitingApprovalOnTheBoard()
    {
        await QuoteBookingWidgetAsync();

        var (status, html) = await GetAsync(DemoData.StaffEmail, "/estimates/accuracy");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("data-testid=\"accuracy-table\"").And.Contain("data-group=\"All tickets\"").And.Contain("data-group=\"Service Request\"");

        var (_, board) = await GetAsync(DemoData.StaffEmail, "/board");
        board.Should().Contain("data-flag=\"AwaitingApproval\"");
    }
}
