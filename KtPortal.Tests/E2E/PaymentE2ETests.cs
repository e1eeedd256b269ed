using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// Issue 23's payments in a browser: staff record a part payment by bank transfer; Alice, with her invoice open,
/// sees the balance change without reloading; a second payment settles it; her statement lists both, and its PDF
/// reads the same figures.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PaymentE2ETests(PortalAppFixture app)
{
    [Fact]
    public async Task ShouldShowAlicesBalanceLive_AsStaffRecordAPartPaymentByBankTransfer_ThenTheRest()
    {
        var staff = await app.NewPageAsync(1280, 900);
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        var (id, number) = await InvoiceSteps.IssueAsync(staff, DemoData.AcmeName, "Server migration", "250");

        var alice = await app.NewPageAsync(375, 812);
        await PortalAppFixture.SignInAsync(alice, DemoData.AliceEmail);
        await alice.GotoAsync($"/invoices/{id}");
        await PortalAppFixture.WaitForReadyAsync(alice, "invoice-page");
        await Assertions.Expect(alice.GetByTestId("invoice-balance")).ToHaveTextAsync("$250.00");
        await Assertions.Expect(alice.GetByTestId("invoice-bank-details")).ToContainTextAsync($"Reference to quote: {number}");

        // A part payment, with a wrong amount first: the dialog keeps what was typed and says why.
        await staff.GetByTestId("invoice-record-payment").ClickAsync();
        await PortalAppFixture.Field(staff, "payment-amount").FillAsync("abc");
        await staff.GetByTestId("payment-save").ClickAsync();
        await Assertions.Expect(staff.GetByText("The amount must be a number", new() { Exact = false })).ToBeVisibleAsync();
        await PortalAppFixture.Field(staff, "payment-amount").FillAsync("100");
        await PortalAppFixture.Field(staff, "payment-reference").FillAsync("TRX-4410");
        await staff.GetByTestId("payment-save").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("record-payment-dialog")).ToHaveCountAsync(0);

        await Assertions.Expect(alice.GetByTestId("invoice-balance")).ToHaveTextAsync("$150.00");
        await Assertions.Expect(alice.GetByTestId("invoice-status")).ToHaveAttributeAsync("data-status", "PartiallyPaid");
        await Assertions.Expect(alice.GetByTestId("invoice-payment")).ToContainTextAsync("Bank transfer");

        // The rest: the dialog starts at the balance due.
        await staff.GetByTestId("invoice-record-payment").ClickAsync();
        await Assertions.Expect(PortalAppFixture.Field(staff, "payment-amount")).ToHaveValueAsync("150");
        await staff.GetByTestId("payment-save").ClickAsync();

        await Assertions.Expect(alice.GetByTestId("invoice-paid")).ToBeVisibleAsync();
        await Assertions.Expect(alice.GetByTestId("invoice-status")).ToHaveAttributeAsync("data-status", "Paid");
        await Assertions.Expect(alice.GetByTestId("invoice-payment")).ToHaveCountAsync(2);
        await alice.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "invoice-paid-in-two-phone.png"), FullPage = true });

        // Her statement, from the dashboard, lists the invoice and both payments.
        // Wait for the dashboard's circuit first: a link clicked while it starts can leave the next page prerendered only.
        await alice.GotoAsync("/dashboard");
        await PortalAppFixture.WaitForReadyAsync(alice, "dashboard-title");
        await alice.GetByTestId("recent-invoices-statement").ClickAsync();
        await PortalAppFixture.WaitForReadyAsync(alice, "statement");
        var lines = alice.Locator($"[data-testid=statement-line]:has-text('{number}')");
        await Assertions.Expect(lines).ToHaveCountAsync(3);
        await Assertions.Expect(lines.Nth(0)).ToHaveAttributeAsync("data-kind", "Invoice");
        await Assertions.Expect(alice.Locator($"[data-testid=statement-line][data-kind=Payment]:has-text('{number}')")).ToHaveCountAsync(2);

        // Her statement PDF reads the same figures as the page.
        var closing = (await alice.GetByTestId("statement-closing").InnerTextAsync()).Trim();
        var download = await alice.RunAndWaitForDownloadAsync(() => alice.GetByTestId("statement-pdf").ClickAsync());
        download.SuggestedFilename.Should().StartWith("statement-acme-dental-").And.EndWith(".pdf");
        var path = Path.Combine(PortalAppFixture.ArtifactsDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(path))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            text.Should().Contain("STATEMENT").And.Contain(number).And.Contain("$250.00").And.Contain("$100.00").And.Contain("$150.00").And.Contain(closing);
        }

        await staff.Context.CloseAsync();
        await alice.Context.CloseAsync();
    }
}
