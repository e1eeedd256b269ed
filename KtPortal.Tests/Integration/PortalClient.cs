using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KtPortal.Tests.Integration;

/// <summary>An HTTP client with a cookie jar that signs in through the real sign-in form.</summary>
public sealed partial class PortalClient : IDisposable
{
    private PortalClient(HttpClient http, System.Net.CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }

    /// <summary>This client's cookie jar (for tests that copy a cookie, as a thief would).</summary>
    public System.Net.CookieContainer Cookies { get; }

    public static PortalClient Create(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var cookies = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler();
        return new(factory.CreateDefaultClient(new Uri("http://localhost"), cookies), cookies.Container);
    }

    /// <summary>Posts the sign-out form as the user menu does, with an antiforgery token for this user from a static page.</summary>
    public async Task<HttpResponseMessage> SignOutAsync(string page = "/Account/Manage")
    {
        var html = await (await GetAsync(page)).Content.ReadAsStringAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["ReturnUrl"] = string.Empty,
        });
        return await Http.PostAsync(new Uri("/Account/Logout", UriKind.Relative), content);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>Posts the sign-in form as a browser would (antiforgery token included) and returns the response.</summary>
    public async Task<HttpResponseMessage> PostSignInAsync(string email, string password, string path = "/Account/Login")
    {
        var form = await GetAsync(path);
        var html = await form.Content.ReadAsStringAsync();
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public async Task SignInAsync(string email, string password = KtPortal.Domain.Seeding.DemoData.Password)
    {
        using var response = await PostSignInAsync(email, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"signing in as {email} should succeed");
        response.Headers.Location!.OriginalString.Should().NotContain("Login");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var page = await GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        fields["_handler"] = formName;
        fields["__RequestVerificationToken"] = AntiforgeryToken(html);
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The form has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => Http.Dispose();
}
