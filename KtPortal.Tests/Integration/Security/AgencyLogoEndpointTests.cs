using System.Net;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Settings;
using KtPortal.Tests.Domain.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Security;

/// <summary>The logo's public address: anyone may fetch it (the sign-in page and e-mails show it), cached for good.</summary>
public sealed class AgencyLogoEndpointTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task ShouldServeTheLogoToAnyone_CachedForGood_AndShowItOnTheSignInPage()
    {
        var png = AgencySettingsServiceTests.Png(120, 40);
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var admin = new Actor(await AdminIdAsync(scope.ServiceProvider), PortalRoles.Admin, null);
            id = await scope.ServiceProvider.GetRequiredService<AgencySettingsService>().SetLogoAsync(admin, png, "logo.png");
        }

        using var anonymous = PortalClient.Create(factory);
        using var logo = await anonymous.GetAsync($"/agency/logo/{id}");
        using var missing = await anonymous.GetAsync($"/agency/logo/{id + 1000}");
        using var signIn = await anonymous.GetAsync("/Account/Login");

        logo.StatusCode.Should().Be(HttpStatusCode.OK);
        logo.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        logo.Headers.CacheControl!.ToString().Should().Contain("immutable");
        (await logo.Content.ReadAsByteArrayAsync()).Should().Equal(png);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await signIn.Content.ReadAsStringAsync()).Should().Contain($"src=\"/agency/logo/{id}\"", "a saved logo shows without a restart");
    }

    private static async Task<string> AdminIdAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<KtPortal.Domain.Accounts.PortalUser>>();
        return (await users.FindByEmailAsync(DemoData.AdminEmail))!.Id;
    }
}
