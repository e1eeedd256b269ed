using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// In the real app on the demo data: staff see an explained estimate, settle it and send the quote; Alice, with the
/// request open, sees the quote arrive and approves it; staff see the answer without reloading. Alice never sees the estimate.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class EstimateE2ETests(PortalAppFixture app)
{
    private static ILocator Field(IPage page, string testId) => PortalAppFixture.Field(page, testId);

    [Fact]
    public async Task ShouldShowStaffAnExplainedEstimate_AndLetAliceApproveTheQuoteSentToHer()
    {
        var staff = await app.NewPageAsync(1400, 1000);
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        await staff.WaitForURLAsync("**/board");

        // KT-1001 "Contact form not sending e-mails": the closed history has tickets like it.
        await staff.GotoAsync("/tickets/KT-1001");
        await PortalAppFixture.WaitForReadyAsync(staff, "ticket-page");
        var estimate = staff.GetByTestId("ticket-estimate");
        await Assertions.Expect(estimate.GetByTestId("estimate-explanation")).ToContainTextAsync("Based on KT-", new() { Timeout = 15_000 });
        (await estimate.GetByTestId("estimate-similar-ticket").CountAsync()).Should().BeGreaterThanOrEqualTo(2);

        // KT-1011 "Newsletter sign-up integration": a new Service Request Alice raised.
        var alice = await app.NewPageAsync(1280, 1000);
        await PortalAppFixture.SignInAsync(alice, DemoData.AliceEmail);
        await alice.WaitForURLAsync("**/dashboard");
        await alice.GotoAsync("/tickets/KT-1011");
        await PortalAppFixture.WaitForReadyAsync(alice, "ticket-page");
        await Assertions.Expect(alice.GetByTestId("ticket-quote")).ToHaveCountAsync(0);

        await staff.GotoAsync("/tickets/KT-1011");
        await PortalAppFixture.WaitForReadyAsync(staff, "ticket-page");
        await Assertions.Expect(estimate.GetByTestId("estimate-proposal")).ToContainTextAsync("About", new() { Timeout = 15_000 });
        await estimate.GetByTestId("estimate-adjust").ClickAsync();
        await Field(staff, "estimate-hours").FillAsync("lots");
        await estimate.GetByTestId("estimate-save").ClickAsync();
        await Assertions.Expect(estimate).ToContainTextAsync("\"lots\" is not a duration");
        await Field(staff, "estimate-hours").FillAsync("3.5");
        await Field(staff, "estimate-note").FillAsync("Their list needs double opt-in.");
        await estimate.GetByTestId("estimate-save").ClickAsync();
        await Assertions.Expect(estimate.GetByTestId("estimate-settled")).ToContainTextAsync("Settled at 3.5 h");

        await Field(staff, "quote-message").FillAsync("Includes the consent checkbox.");
        await estimate.GetByTestId("quote-send").ClickAsync();
        await staff.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Send quote" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("ticket-quote")).ToContainTextAsync("about 3.5 h, about $420.00 at your development rate");

        // Alice's open page shows the quote as it is sent; she approves it.
        var quote = alice.GetByTestId("ticket-quote");
        await Assertions.Expect(quote.GetByTestId("quote-sentence")).ToHaveTextAsync("about 3.5 h, about $420.00 at your development rate");
        await Assertions.Expect(quote).ToContainTextAsync("Includes the consent checkbox.");
        await Assertions.Expect(alice.GetByTestId("ticket-estimate")).ToHaveCountAsync(0);
        (await alice.ContentAsync()).Should().NotContain("double opt-in", "the reason for the adjustment is internal");
        await quote.GetByTestId("quote-approve").ClickAsync();
        await alice.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(quote.GetByTestId("quote-history")).ToHaveAttributeAsync("data-status", "Approved");

        await Assertions.Expect(staff.GetByTestId("ticket-quote").GetByTestId("quote-history")).ToHaveAttributeAsync("data-status", "Approved");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "estimate-staff.png"), FullPage = true });
        await alice.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "quote-alice.png"), FullPage = true });

        await alice.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }
}
