using System.Net;
using KtPortal.Domain.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KtPortal.Tests.Integration.Security;

/// <summary>Signing out ends the session on the server: a copy of the cookie taken before is worth nothing after.</summary>
public sealed class SessionTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task ShouldRefuseACookieCopiedBeforeSignOut()
    {
        using var browser = PortalClient.Create(factory);
        await browser.SignInAsync(DemoData.AliceEmail);
        var stolen = browser.Cookies.GetCookieHeader(new Uri("http://localhost/"));
        using (var before = await WithCookieAsync(stolen, "/dashboard"))
        {
            before.StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the session lasts");
        }

        using var signOut = await browser.SignOutAsync();
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var after = await WithCookieAsync(stolen, "/dashboard");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task ShouldEndEverySessionOfTheUser_WhenTheySignOutEverywhere()
    {
        using var laptop = PortalClient.Create(factory);
        using var phone = PortalClient.Create(factory);
        using var colleague = PortalClient.Create(factory);
        await laptop.SignInAsync(DemoData.CarolEmail);
        await phone.SignInAsync(DemoData.CarolEmail);
        await colleague.SignInAsync(DemoData.AliceEmail);

        using var page = await laptop.GetAsync("/Account/Manage/Sessions");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.Should().Contain("data-testid=\"session\"").And.Contain("(this browser)");
        System.Text.RegularExpressions.Regex.Count(html, "data-testid=\"session\"").Should().BeGreaterThanOrEqualTo(2);

        using var everywhere = await laptop.PostFormAsync("/Account/Manage/Sessions", "sign-out-everywhere", []);
        everywhere.StatusCode.Should().Be(HttpStatusCode.Redirect);
        everywhere.Headers.Location!.OriginalString.Should().Contain("Account/Login");

        (await laptop.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await phone.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the other browser is signed out too");
        (await colleague.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK, "another user's sessions are untouched");
        await laptop.SignInAsync(DemoData.CarolEmail);
    }

    [Fact]
    public async Task ShouldEndOnlyTheChosenOtherSession_AndNotSomeoneElsesById()
    {
        using var laptop = PortalClient.Create(factory);
        using var phone = PortalClient.Create(factory);
        await laptop.SignInAsync(DemoData.BobEmail);
        await phone.SignInAsync(DemoData.BobEmail);
        using var page = await laptop.GetAsync("/Account/Manage/Sessions");
        var html = await page.Content.ReadAsStringAsync();
        var formName = System.Text.RegularExpressions.Regex.Match(html, "name=\"_handler\" value=\"(end-session-[^\"]+)\"").Groups[1].Value;
        formName.Should().NotBeEmpty("the other browser can be signed out from here");

        using var ended = await laptop.PostFormAsync("/Account/Manage/Sessions", formName, []);

        ended.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await phone.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await laptop.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request);
    }
}
