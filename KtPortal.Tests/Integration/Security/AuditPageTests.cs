using System.Net;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Security;

/// <summary>The admin pages (audit trail and its CSV, people, agency settings, an outbox message): 404 for everyone else; bad filters refused, formulas defused.</summary>
public sealed class AuditPageTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Theory]
    [InlineData(DemoData.StaffEmail)]
    [InlineData(DemoData.AliceEmail)]
    [InlineData(DemoData.CarolEmail)]
    public async Task ShouldAnswer404_ToAnyoneButAnAdmin(string email)
    {
        using var client = PortalClient.Create(factory);
        await client.SignInAsync(email);

        foreach (var path in new[] { "/settings/audit", "/settings/audit.csv", "/settings/people", "/settings/agency", "/settings/plan-templates", "/email/outbox/1" })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task ShouldExportTheTrailAsCsv_WithAFormulaInAClientsNameDefused()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientService>().CreateAsync(KtPortal.Tests.TestSupport.DomainTestHost.StaffActor,
                new ClientInput("=HYPERLINK(\"http://evil.test\")", "billing@evil.test", 100_00, 90_00, 0, 14));
        }

        using var client = PortalClient.Create(factory);
        await client.SignInAsync(DemoData.AdminEmail);
        using var page = await client.GetAsync("/settings/audit");
        using var csv = await client.GetAsync("/settings/audit.csv?kind=client-created");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = await csv.Content.ReadAsStringAsync();
        text.Should().StartWith("When (portal time),Who,Kind,What,Subject,Client,Before,After,IP address");
        text.Should().Contain("'=HYPERLINK", "a spreadsheet shows it as text instead of running it");
        text.Split('\n').Skip(1).Where(l => l.Length > 0).Should().OnlyContain(l => l.Contains(",client-created,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kind=everything", "kind must be one of")]
    [InlineData("from=26/11/2026", "from must be a date as yyyy-MM-dd")]
    [InlineData("client=acme", "client must be a client id")]
    [InlineData("from=2026-11-26&to=2026-11-01", "from must not be after to")]
    public async Task ShouldRefuseABadFilter_WithAMessage(string query, string message)
    {
        using var client = PortalClient.Create(factory);
        await client.SignInAsync(DemoData.AdminEmail);

        using var csv = await client.GetAsync($"/settings/audit.csv?{query}");

        csv.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await csv.Content.ReadAsStringAsync()).Should().Contain(message);
    }
}
