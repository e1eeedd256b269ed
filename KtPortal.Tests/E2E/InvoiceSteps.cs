using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>Steps several browser tests share: a staff member writes and issues an ad-hoc invoice.</summary>
internal static class InvoiceSteps
{
    /// <summary>From /invoices/new: one line of <paramref name="price"/>, saved, then issued (confirmed). Returns its id and number.</summary>
    public static async Task<(string Id, string Number)> IssueAsync(IPage page, string clientName, string title, string price)
    {
        await page.GotoAsync("/invoices/new");
        await page.WaitForURLAsync("**/invoices/new");
        await PortalAppFixture.WaitForReadyAsync(page, "invoice-editor");
        await page.GetByTestId("invoice-client").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = clientName }).ClickAsync();
        await PortalAppFixture.Field(page, "invoice-title").FillAsync(title);
        await PortalAppFixture.Field(page, "invoice-line-description").FillAsync(title);
        await PortalAppFixture.Field(page, "invoice-line-quantity").FillAsync("1");
        await PortalAppFixture.Field(page, "invoice-line-price").FillAsync(price);
        await page.GetByTestId("invoice-save").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/invoices/[0-9]+$"));
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await PortalAppFixture.WaitForReadyAsync(page, "invoice-page");
        await page.GetByTestId("invoice-issue").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Issue" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("invoice-number")).Not.ToHaveTextAsync("Draft");
        return (id, (await page.GetByTestId("invoice-number").TextContentAsync())!.Trim());
    }
}
