using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// A credit note in a browser: staff credit an invoice's line (refused without a reason, keeping the choice), the
/// invoice shows it and owes nothing, Bob sees it live on his invoice, and the credit note's PDF reads its number.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class CreditNoteE2ETests(PortalAppFixture app)
{
    [Fact]
    public async Task ShouldCreditAnInvoiceLine_ShowItToTheClientLive_AndDownloadTheCreditNote()
    {
        var staff = await app.NewPageAsync(1280, 900);
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        var (id, number) = await InvoiceSteps.IssueAsync(staff, DemoData.BirchName, "Duplicate hosting charge", "80");

        var bob = await app.NewPageAsync(375, 812);
        await PortalAppFixture.SignInAsync(bob, DemoData.BobEmail);
        await bob.GotoAsync($"/invoices/{id}");
        await PortalAppFixture.WaitForReadyAsync(bob, "invoice-page");
        await Assertions.Expect(bob.GetByTestId("invoice-balance")).ToHaveTextAsync("$80.00");

        await staff.GetByTestId("invoice-credit-action").ClickAsync();
        var line = staff.GetByTestId("credit-invoice-dialog").GetByRole(AriaRole.Checkbox).First;
        await line.CheckAsync();
        await Assertions.Expect(staff.GetByTestId("credit-preview")).ToContainTextAsync("$80.00");
        await staff.GetByTestId("credit-issue").ClickAsync();
        await Assertions.Expect(staff.GetByText("A reason is required", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(line).ToBeCheckedAsync();
        await PortalAppFixture.Field(staff, "credit-reason").FillAsync("Charged twice for the same hosting year");
        await staff.GetByTestId("credit-issue").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("credit-invoice-dialog")).ToHaveCountAsync(0);

        await Assertions.Expect(staff.GetByTestId("invoice-status")).ToHaveAttributeAsync("data-status", "Credited");
        await Assertions.Expect(bob.GetByTestId("invoice-status")).ToHaveAttributeAsync("data-status", "Credited");
        await Assertions.Expect(bob.GetByTestId("invoice-credited-in-full")).ToBeVisibleAsync();
        var note = bob.GetByTestId("invoice-credit-note");
        await Assertions.Expect(note).ToContainTextAsync("CN-");
        await Assertions.Expect(note).ToContainTextAsync("Charged twice");

        await note.Locator("a").ClickAsync();
        await PortalAppFixture.WaitForReadyAsync(bob, "credit-note-page");
        var noteNumber = (await bob.GetByTestId("credit-note-number").InnerTextAsync()).Replace("Credit note ", string.Empty, StringComparison.Ordinal).Trim();
        await Assertions.Expect(bob.GetByTestId("credit-note-invoice")).ToHaveTextAsync(number);
        var download = await bob.RunAndWaitForDownloadAsync(() => bob.GetByTestId("credit-note-download").ClickAsync());
        download.SuggestedFilename.Should().Be($"{noteNumber}.pdf");
        var path = Path.Combine(PortalAppFixture.ArtifactsDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(path))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            text.Should().Contain("CREDIT").And.Contain(noteNumber).And.Contain(number).And.Contain("$80.00");
        }

        await staff.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldRefundPartOfAPayment_WithTheCreditNoteItNeeds_AndExportItForTheBookkeeper()
    {
        var staff = await app.NewPageAsync(1280, 900);
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        var (_, number) = await InvoiceSteps.IssueAsync(staff, DemoData.BirchName, "Logo redesign", "60");
        await staff.GetByTestId("invoice-record-payment").ClickAsync();
        await staff.GetByTestId("payment-save").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("invoice-status")).ToHaveAttributeAsync("data-status", "Paid");

        await staff.GetByTestId("invoice-payment-refund").ClickAsync();
        await PortalAppFixture.Field(staff, "refund-amount").FillAsync("25");
        await PortalAppFixture.Field(staff, "refund-reason").FillAsync("Second concept dropped");
        await Assertions.Expect(staff.GetByTestId("refund-preview")).ToContainTextAsync("credit note of $25.00");
        await staff.GetByTestId("refund-save").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("refund-dialog")).ToHaveCountAsync(0);

        await Assertions.Expect(staff.GetByTestId("invoice-refund")).ToContainTextAsync("Second concept dropped");
        await Assertions.Expect(staff.GetByTestId("invoice-credited")).ToContainTextAsync("$25.00");
        await Assertions.Expect(staff.GetByTestId("invoice-status")).ToHaveAttributeAsync("data-status", "Paid");

        // The bookkeeper's journal for the days around today carries the invoice, its payment, the refund and the note.
        await staff.GotoAsync("/invoices");
        await PortalAppFixture.WaitForReadyAsync(staff, "invoices-title");
        await staff.GetByTestId("invoice-export").ClickAsync();
        var today = DateTime.UtcNow.Date;
        await PortalAppFixture.Field(staff, "invoice-export-from").FillAsync(today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await PortalAppFixture.Field(staff, "invoice-export-to").FillAsync(today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var download = await staff.RunAndWaitForDownloadAsync(() => staff.GetByTestId("invoice-export-download").ClickAsync());
        download.SuggestedFilename.Should().StartWith("journal-").And.EndWith(".csv");
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var mine = csv.Split('\n').Where(l => l.Contains(number, StringComparison.Ordinal)).ToList();
        mine.Should().Contain(l => l.Contains(",Invoice,", StringComparison.Ordinal) && l.Contains(",60.00,", StringComparison.Ordinal));
        mine.Should().Contain(l => l.Contains(",Payment,", StringComparison.Ordinal));
        mine.Should().Contain(l => l.Contains(",Refund,", StringComparison.Ordinal) && l.Contains(",25.00,", StringComparison.Ordinal));
        mine.Should().Contain(l => l.Contains(",CreditNote,", StringComparison.Ordinal));
        await staff.Context.CloseAsync();
    }
}
