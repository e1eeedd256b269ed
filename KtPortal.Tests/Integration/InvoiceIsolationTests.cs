using System.Net;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration;

/// <summary>The demo's invoices over real HTTP: Alice gets hers (page, PDF, preview), nobody else's; without Stripe there
/// is no Pay button or pay link, and the bank details say how to pay.</summary>
public sealed class InvoiceIsolationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private async Task<(InvoiceSummary Acme, InvoiceSummary Birch)> DemoInvoicesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var list = await scope.ServiceProvider.GetRequiredService<InvoiceQueries>().ListAsync(Actor.System, new InvoiceFilter());
        return (list.Items.First(i => i.ClientName == DemoData.AcmeName && i.Status == InvoiceStatus.Issued),
                list.Items.First(i => i.ClientName == DemoData.BirchName));
    }

    [Fact]
    public async Task ShouldServeAliceHerInvoicePagePdfAndPreview_And404ForBirchs()
    {
        var (acme, birch) = await DemoInvoicesAsync();
        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);

        using var page = await alice.GetAsync($"/invoices/{acme.Id}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.Should().Contain("data-testid=\"invoice-total\"").And.Contain("$500.00").And.Contain(acme.Number!);
        html.Should().NotContain("data-testid=\"invoice-pay\"", "no Stripe key is configured here, so there is no Pay button");

        using var pdf = await alice.GetAsync($"/invoices/{acme.Id}/pdf");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        pdf.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        pdf.Content.Headers.ContentDisposition.FileNameStar.Should().Be($"{acme.Number}.pdf");
        // Without Stripe, the way to pay is the bank transfer: on the page and in the PDF, with the reference to quote.
        var bankLines = new AgencyProfile().Bank.Lines();
        html.Should().Contain("data-testid=\"invoice-bank-details\"").And.Contain(bankLines[0]).And.Contain($"Reference to quote: {acme.Number}");
        var pdfText = KtPortal.Tests.Domain.Invoices.InvoiceRendererTests.Text(await pdf.Content.ReadAsByteArrayAsync(), out _);
        pdfText.Should().Contain(bankLines[0]).And.Contain($"Reference to quote: {acme.Number}");
        pdfText.Should().NotContain("Pay online", "there is no online payment to link to").And.NotContain($"/invoices/{acme.Id}");
        using var inline = await alice.GetAsync($"/invoices/{acme.Id}/pdf?inline=1");
        inline.Content.Headers.ContentDisposition.Should().BeNull();
        using var png = await alice.GetAsync($"/invoices/{acme.Id}/pages/1.png");
        png.Content.Headers.ContentType!.MediaType.Should().Be("image/png");

        foreach (var path in new[] { $"/invoices/{birch.Id}", $"/invoices/{birch.Id}/pdf", $"/invoices/{birch.Id}/pages/1.png", $"/invoices/{birch.Id}/edit" })
        {
            using var response = await alice.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(birch.Title);
        }
    }

    [Fact]
    public async Task ShouldAnswer404ForAcmesInvoice_ToBobAndAClientUserWithoutBillingAccess()
    {
        var (acme, _) = await DemoInvoicesAsync();
        foreach (var email in new[] { DemoData.BobEmail, DemoData.CarolEmail })
        {
            using var client = PortalClient.Create(factory);
            await client.SignInAsync(email);
            using var page = await client.GetAsync($"/invoices/{acme.Id}");
            using var pdf = await client.GetAsync($"/invoices/{acme.Id}/pdf");
            page.StatusCode.Should().Be(HttpStatusCode.NotFound, email);
            pdf.StatusCode.Should().Be(HttpStatusCode.NotFound, email);
        }
    }

    [Fact]
    public async Task ShouldListAlicesRecentInvoicesOnHerDashboard_AndNoneOnBobs()
    {
        var (acme, _) = await DemoInvoicesAsync();
        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);
        var html = await (await alice.GetAsync("/dashboard")).Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"recent-invoices\"").And.Contain(acme.Number!);

        using var bob = PortalClient.Create(factory);
        await bob.SignInAsync(DemoData.BobEmail);
        (await (await bob.GetAsync("/dashboard")).Content.ReadAsStringAsync()).Should().NotContain(acme.Number!);
    }
}
