using System.Net;
using System.Text.RegularExpressions;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Security;

/// <summary>What every response carries, and what a crafted address gets: headers, return URLs, query values.</summary>
public sealed partial class HttpHardeningTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/health")]
    [InlineData("/app.css")]
    [InlineData("/no-such-page")]
    public async Task ShouldSendTheSecurityHeaders_OnEveryResponse(string path)
    {
        using var client = PortalClient.Create(factory);

        using var response = await client.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        csp.Should().Contain("script-src 'self'").And.Contain("object-src 'none'").And.Contain("frame-ancestors 'none'")
            .And.NotContain("unsafe-eval");
        csp.Should().MatchRegex("script-src [^;]*'nonce-", "the inline import map Blazor writes carries the nonce, nothing else inline runs");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Referrer-Policy").Should().Be("strict-origin-when-cross-origin");
        Header(response, "Permissions-Policy").Should().Contain("camera=()").And.Contain("geolocation=()");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        response.Headers.Contains("Server").Should().BeFalse();
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is only sent outside Development");
    }

    [Fact]
    public async Task ShouldGiveTheImportMapThisResponsesNonce()
    {
        using var client = PortalClient.Create(factory);

        using var response = await client.GetAsync("/Account/Login");

        var nonce = NoncePattern().Match(Header(response, "Content-Security-Policy")).Groups[1].Value;
        nonce.Should().NotBeEmpty();
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain($"<script type=\"importmap\" nonce=\"{nonce}\"");
        ScriptTags().Matches(html).Select(m => m.Value)
            .Where(tag => !tag.Contains(" src=", StringComparison.Ordinal))
            .Should().OnlyContain(tag => tag.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal), "every inline script must carry the nonce or the browser refuses it");
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://localhost.evil.example/")]
    public async Task ShouldSignInAndLandAtHome_WhenTheReturnUrlPointsOffSite(string returnUrl)
    {
        using var client = PortalClient.Create(factory);

        using var response = await client.PostSignInAsync(DemoData.AliceEmail, DemoData.Password, $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).Should().Be("/");
        if (location.IsAbsoluteUri)
        {
            location.Host.Should().Be("localhost");
        }

        using var home = await client.GetAsync("/dashboard");
        home.StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in itself succeeded");
    }

    [Fact]
    public async Task ShouldFollowALocalReturnUrl_AfterSignIn()
    {
        using var client = PortalClient.Create(factory);

        using var response = await client.PostSignInAsync(DemoData.AliceEmail, DemoData.Password, "/Account/Login?ReturnUrl=%2Finvoices");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().EndWith("/invoices");
    }

    [Fact]
    public async Task ShouldServeThePdfInline_WhenAskedAsThePageLinksIt()
    {
        var invoiceId = await AcmeInvoiceIdAsync();
        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);

        using var inline = await alice.GetAsync($"/invoices/{invoiceId}/pdf?inline=1");
        using var attachment = await alice.GetAsync($"/invoices/{invoiceId}/pdf?inline=0");

        inline.StatusCode.Should().Be(HttpStatusCode.OK);
        inline.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        inline.Content.Headers.ContentDisposition.Should().BeNull();
        (await inline.Content.ReadAsByteArrayAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());
        attachment.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
    }

    [Theory]
    [InlineData("/invoices/{0}/pdf?inline=sometimes")]
    public async Task ShouldAnswerAPlain400WithoutAStackTrace_WhenAQueryValueIsNonsense(string pathFormat)
    {
        var invoiceId = await AcmeInvoiceIdAsync();
        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);

        using var response = await alice.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, invoiceId));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("inline must be 1 or 0").And.NotContain("   at ").And.NotContain("Exception");
    }

    [Fact]
    public async Task ShouldSendHstsOverHttps_OutsideDevelopment()
    {
        await using var production = new ProductionPortalWebFactory();
        using var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Header(response, "Strict-Transport-Security").Should().Contain("max-age=31536000");
        Header(response, "Content-Security-Policy").Should().Contain("script-src 'self'");
    }

    private async Task<int> AcmeInvoiceIdAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var list = await scope.ServiceProvider.GetRequiredService<InvoiceQueries>().ListAsync(Actor.System, new InvoiceFilter());
        return list.Items.First(i => i.ClientName == DemoData.AcmeName && i.Status == InvoiceStatus.Issued).Id;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri}.");

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NoncePattern();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTags();
}

/// <summary>The portal as production runs it (no demo data, HTTPS, HSTS), on its own database.</summary>
public sealed class ProductionPortalWebFactory : PortalWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
