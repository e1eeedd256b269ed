using System.Net;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Security;

/// <summary>The admin pages (every /settings/ page but one's own notifications, the audit CSV, an outbox message): 404 for everyone else; bad filters refused, formulas defused.</summary>
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

        foreach (var path in AdminSettingsPages().Append("/settings/audit.csv").Append("/email/outbox/1"))
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }
    }

    /// <summary>Every page under /settings/ but a person's own notification choices: read from the pages themselves, so a
    /// new settings page is covered the day it is added (and must be admin-only).</summary>
    private static IEnumerable<string> AdminSettingsPages()
    {
        var pages = typeof(KtPortal.Web.Security.Policies).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false)
                .Cast<Microsoft.AspNetCore.Components.RouteAttribute>()
                .Select(r => (Type: t, r.Template)))
            .Where(p => p.Template.StartsWith("/settings/", StringComparison.Ordinal) && p.Template != "/settings/notifications")
            .ToList();
        pages.Select(p => p.Template).Should().Contain(["/settings/agency", "/settings/people", "/settings/audit", "/settings/plan-templates", "/settings/support-types"]);
        pages.Should().OnlyContain(p => p.Type.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), false)
            .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().Any(a => a.Policy == KtPortal.Web.Security.Policies.Admin), "settings pages are for admins");
        return pages.Select(p => p.Template);
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
