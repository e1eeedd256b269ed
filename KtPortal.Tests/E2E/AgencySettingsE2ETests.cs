using KtPortal.Domain.Seeding;
using KtPortal.Tests.Domain.Settings;
using Microsoft.Playwright;
using MimeKit;
using UglyToad.PdfPig;

namespace KtPortal.Tests.E2E;

/// <summary>
/// Issue 22's acceptance for agency settings in a browser: bad values get field messages and keep what was typed; a new
/// name, bank details, logo and prefix show on the next invoice's PDF and e-mail, and the logo on the sign-in page.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AgencySettingsE2ETests(PortalAppFixture app)
{
    private const string NewName = "Harbor Digital LLC";

    [Fact]
    public async Task ShouldPutANewNameBankDetailsLogoAndPrefix_OnTheNextInvoicePdfAndEmail()
    {
        var admin = await app.NewPageAsync(1280, 900);
        await PortalAppFixture.SignInAsync(admin, DemoData.AdminEmail);
        await OpenSettingsAsync(admin);
        var originalName = await PortalAppFixture.Field(admin, "agency-name").InputValueAsync();
        var originalUrl = await PortalAppFixture.Field(admin, "agency-base-url").InputValueAsync();
        string[] bankFields = ["agency-bank-name", "agency-bank-account", "agency-bank-routing"];
        var originalBank = new Dictionary<string, string>();
        foreach (var field in bankFields)
        {
            originalBank[field] = await PortalAppFixture.Field(admin, field).InputValueAsync();
        }

        // Bad values: a message at each field, what was typed stays, nothing is saved.
        await PortalAppFixture.Field(admin, "agency-name").FillAsync(string.Empty);
        await PortalAppFixture.Field(admin, "agency-invoice-prefix").FillAsync("H D");
        await PortalAppFixture.Field(admin, "agency-base-url").FillAsync("portal.example.com");
        await PortalAppFixture.Field(admin, "agency-bank-iban").FillAsync("GB82 WEST 1234 5698 7654 33");
        await admin.GetByTestId("agency-settings-save").ClickAsync();
        await Assertions.Expect(admin.GetByText("Agency name is required.")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("The invoice prefix is 1 to 10 letters or digits", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("The portal address is a full http:// or https:// address", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("That IBAN does not check out", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(PortalAppFixture.Field(admin, "agency-invoice-prefix")).ToHaveValueAsync("H D");

        // Good values.
        await PortalAppFixture.Field(admin, "agency-name").FillAsync(NewName);
        await PortalAppFixture.Field(admin, "agency-invoice-prefix").FillAsync("HD");
        await PortalAppFixture.Field(admin, "agency-base-url").FillAsync(originalUrl);
        await PortalAppFixture.Field(admin, "agency-bank-iban").FillAsync(string.Empty);
        await PortalAppFixture.Field(admin, "agency-bank-name").FillAsync("First Harbor Bank");
        await PortalAppFixture.Field(admin, "agency-bank-account").FillAsync("000123456789");
        await PortalAppFixture.Field(admin, "agency-bank-routing").FillAsync("011000015");
        await admin.GetByTestId("agency-settings-save").ClickAsync();
        await Assertions.Expect(admin.GetByText("Settings saved", new() { Exact = false })).ToBeVisibleAsync();

        // A logo: an SVG is refused, a PNG is taken.
        await admin.GetByTestId("agency-logo-file").SetInputFilesAsync(new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() });
        await Assertions.Expect(admin.GetByTestId("agency-logo-error")).ToContainTextAsync("SVG");
        await admin.GetByTestId("agency-logo-file").SetInputFilesAsync(new FilePayload { Name = "harbor.png", MimeType = "image/png", Buffer = AgencySettingsServiceTests.Png(320, 96) });
        await Assertions.Expect(admin.GetByTestId("agency-logo-current")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "agency-settings.png"), FullPage = true });

        // The next invoice (to Birch, so Acme's invoices stay as other tests expect them).
        var before = Directory.Exists(app.PickupDirectory) ? Directory.GetFiles(app.PickupDirectory, "*.eml").ToHashSet() : [];
        var (invoiceId, number) = await InvoiceSteps.IssueAsync(admin, DemoData.BirchName, "Logo refresh", "250");
        number.Should().StartWith("HD-", "the new prefix applies from the next number");

        var pdfResponse = await admin.APIRequest.GetAsync($"/invoices/{invoiceId}/pdf");
        pdfResponse.Status.Should().Be(200);
        using (var pdf = PdfDocument.Open(await pdfResponse.BodyAsync()))
        {
            var page = pdf.GetPage(1);
            var text = string.Join(" ", page.GetWords().Select(w => w.Text));
            text.Should().Contain(NewName).And.Contain("First Harbor Bank").And.Contain("000123456789").And.Contain(number);
            page.GetImages().Should().NotBeEmpty("the logo is on the invoice");
        }

        var mail = await WaitForMailAsync(before, number);
        mail.HtmlBody.Should().Contain(NewName).And.MatchRegex("/agency/logo/[0-9]+\"");
        mail.Attachments.OfType<MimePart>().Should().ContainSingle(a => a.FileName == $"{number}.pdf");

        // The sign-in page shows the logo to people not signed in.
        var visitor = await app.NewPageAsync(375, 812);
        await visitor.GotoAsync("/Account/Login");
        await Assertions.Expect(visitor.GetByTestId("account-brand")).ToContainTextAsync(NewName);
        await visitor.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=agency-logo]'); return i && i.complete && i.naturalWidth === 320; }");

        // Back as it was for the other tests: name, prefix, bank details, no logo (asked first).
        await OpenSettingsAsync(admin);
        await PortalAppFixture.Field(admin, "agency-name").FillAsync(originalName);
        await PortalAppFixture.Field(admin, "agency-invoice-prefix").FillAsync("INV");
        foreach (var field in bankFields)
        {
            await PortalAppFixture.Field(admin, field).FillAsync(originalBank[field]);
        }

        await admin.GetByTestId("agency-settings-save").ClickAsync();
        await Assertions.Expect(admin.GetByText("Settings saved", new() { Exact = false })).ToBeVisibleAsync();
        await admin.GetByTestId("agency-logo-remove").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("agency-logo-none")).ToBeVisibleAsync();

        // Each change is in the audit trail with the address of the browser that made it, interactive page or not.
        var trail = await admin.APIRequest.GetAsync("/settings/audit.csv?kind=agency-settings-changed");
        var rows = (await trail.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        rows.Should().HaveCountGreaterThanOrEqualTo(4, "two saves, a logo and its removal");
        rows.Should().OnlyContain(r => r.EndsWith(",127.0.0.1", StringComparison.Ordinal), "the page's circuit records the address that opened it");
        await admin.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }

    private static async Task OpenSettingsAsync(IPage page)
    {
        await page.GotoAsync("/settings/agency");
        await PortalAppFixture.WaitForReadyAsync(page, "agency-settings");
    }

    private async Task<MimeMessage> WaitForMailAsync(HashSet<string> before, string number)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var file in Directory.Exists(app.PickupDirectory) ? Directory.GetFiles(app.PickupDirectory, "*.eml") : [])
            {
                if (!before.Contains(file) && await MimeMessage.LoadAsync(file) is { } message && (message.Subject ?? string.Empty).Contains(number, StringComparison.Ordinal))
                {
                    return message;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"No e-mail for {number} appeared in {app.PickupDirectory}. App output:\n{app.Output}");
    }
}
