using KtPortal.Domain.Seeding;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace KtPortal.Tests.E2E;

/// <summary>Issue 5's acceptance in a browser: Alice opens an invoice, sees the preview, downloads the PDF; Bob's invoice is 404 to her.</summary>
[Collection(E2ECollection.Name)]
public sealed class InvoiceE2ETests(PortalAppFixture app)
{
    [Fact]
    public async Task ShouldLetAliceOpenPreviewAndDownloadHerInvoice_AndAnswer404ForAnotherClients()
    {
        // Bob's own invoice id, seen the way Bob sees it.
        var bob = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(bob, DemoData.BobEmail);
        await bob.GotoAsync("/invoices");
        await PortalAppFixture.WaitForReadyAsync(bob, "invoices-title");
        var bobsInvoiceId = await bob.GetByTestId("invoice-link").First.GetAttributeAsync("data-invoice-id");
        bobsInvoiceId.Should().NotBeNullOrEmpty();

        var alice = await app.NewPageAsync(1280, 900);
        await PortalAppFixture.SignInAsync(alice, DemoData.AliceEmail);
        await alice.GotoAsync("/invoices");
        await PortalAppFixture.WaitForReadyAsync(alice, "invoices-title");
        // The current period's plan fee: issued and not paid (it may show as overdue).
        var plainFee = alice.Locator("tr:has([data-testid=invoice-status][data-status=Issued]) [data-testid=invoice-link]").First;
        var number = await plainFee.TextContentAsync();
        await plainFee.ClickAsync();

        await PortalAppFixture.WaitForReadyAsync(alice, "invoice-page");
        await Assertions.Expect(alice.GetByTestId("invoice-number")).ToHaveTextAsync(number!);
        await Assertions.Expect(alice.GetByTestId("invoice-total")).ToHaveTextAsync("$500.00");
        var preview = alice.GetByTestId("invoice-preview-page").First;
        await Assertions.Expect(preview).ToBeVisibleAsync();
        await alice.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=invoice-preview-page]'); return i && i.complete && i.naturalWidth > 1000; }");
        await alice.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "invoice-alice.png"), FullPage = true });

        var download = await alice.RunAndWaitForDownloadAsync(() => alice.GetByTestId("invoice-download").ClickAsync());
        download.SuggestedFilename.Should().Be($"{number}.pdf");
        var path = Path.Combine(PortalAppFixture.ArtifactsDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using (var pdf = PdfDocument.Open(path))
        {
            var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
            text.Should().Contain(number!).And.Contain("$500.00").And.Contain("Basic").And.Contain("Maintenance");
        }

        var foreignPage = await alice.GotoAsync($"/invoices/{bobsInvoiceId}");
        foreignPage!.Status.Should().Be(404);
        var foreignPdf = await alice.APIRequest.GetAsync($"/invoices/{bobsInvoiceId}/pdf");
        foreignPdf.Status.Should().Be(404);
    }

    [Fact]
    public async Task ShouldShowTheInvoiceAsReadableText_OnAPhone_WithItsPagesOneTapAway()
    {
        var alice = await app.NewPageAsync(375, 812);
        await PortalAppFixture.SignInAsync(alice, DemoData.AliceEmail);
        await alice.GotoAsync("/invoices");
        await PortalAppFixture.WaitForReadyAsync(alice, "invoices-title");
        await alice.Locator("[data-testid=invoice-table] [data-testid=invoice-link]").First.ClickAsync();
        await PortalAppFixture.WaitForReadyAsync(alice, "invoice-page");

        var summary = alice.GetByTestId("invoice-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(alice.GetByTestId("invoice-summary-line").First).ToBeVisibleAsync();
        var total = (await alice.GetByTestId("invoice-total").InnerTextAsync()).Trim();
        await Assertions.Expect(alice.GetByTestId("invoice-summary-totals")).ToContainTextAsync(total);
        (await summary.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)")).Should().BeGreaterThanOrEqualTo(14, "readable, unlike a page image shrunk to a phone");
        await Assertions.Expect(alice.GetByTestId("invoice-preview-page").First).ToBeHiddenAsync();

        await alice.GetByTestId("invoice-show-pages").ClickAsync();

        await Assertions.Expect(alice.GetByTestId("invoice-preview-page").First).ToBeVisibleAsync();
        await Assertions.Expect(alice.GetByTestId("invoice-show-pages")).ToHaveAttributeAsync("aria-expanded", "true");
        await alice.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "invoice-phone.png"), FullPage = true });
        await alice.Context.CloseAsync();
    }
}
