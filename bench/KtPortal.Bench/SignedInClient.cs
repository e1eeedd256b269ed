using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KtPortal.Bench;

/// <summary>An HTTP client that signs in through the real form, as a browser would.</summary>
internal static partial class SignedInClient
{
    public static async Task<HttpClient> CreateAsync(WebApplicationFactory<Program> portal, string email)
    {
        var http = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(http, email);
        return http;
    }

    /// <summary>A client of the portal at <paramref name="address"/> over the network, its cookies in <paramref name="cookies"/> (for a WebSocket to use too).</summary>
    public static async Task<HttpClient> CreateAsync(Uri address, CookieContainer cookies, string email)
    {
#pragma warning disable CA2000 // the client owns and disposes the handler
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = address };
#pragma warning restore CA2000
        await SignInAsync(http, email);
        return http;
    }

    private static async Task SignInAsync(HttpClient http, string email)
    {
        var form = await (await http.GetAsync(new Uri("/Account/Login", UriKind.Relative))).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = KtPortal.Domain.Seeding.DemoData.Password,
        });
        using var response = await http.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Could not sign in as {email}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
