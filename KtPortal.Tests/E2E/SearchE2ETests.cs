using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// The app bar's search in a browser: "/" and Ctrl+K put the cursor in it from anywhere, results come as you type,
/// Enter opens the results page, and each client finds only its own tickets (Alice for Acme, Bob for Birch, over the
/// same word "page" that both clients' demo tickets use).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class SearchE2ETests(PortalAppFixture app)
{
    [Fact]
    public async Task ShouldFindOnlyTheClientsOwnTickets_FromTheKeyboard()
    {
        var alice = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(alice, DemoData.AliceEmail);
        await alice.GotoAsync("/dashboard");
        await PortalAppFixture.WaitForInteractiveAsync(alice);
        var box = alice.GetByTestId("global-search");

        await alice.Keyboard.PressAsync("/");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await alice.Keyboard.TypeAsync("page");
        var options = alice.GetByTestId("global-search-option");
        await Assertions.Expect(options.Filter(new() { HasText = "New team member bios page" })).ToHaveCountAsync(1);
        await Assertions.Expect(alice.GetByTestId("global-search-results")).Not.ToContainTextAsync("landing page");
        await alice.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "search-as-you-type.png") });

        await alice.Keyboard.PressAsync("Enter");
        await alice.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/search\?q=page$"));
        await PortalAppFixture.WaitForReadyAsync(alice, "search-page");
        var results = alice.GetByTestId("search-result");
        await Assertions.Expect(results.Filter(new() { HasText = "New team member bios page" })).ToHaveCountAsync(1);
        await Assertions.Expect(alice.GetByTestId("search-page")).Not.ToContainTextAsync("Quarterly sale landing page");

        // Choosing with the arrow keys opens the ticket.
        await alice.Keyboard.PressAsync("Control+k");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await alice.Keyboard.TypeAsync("bios");
        // The list for the whole word, not for "bio" typed on the way there.
        await Assertions.Expect(alice.GetByTestId("global-search-all")).ToContainTextAsync("“bios”");
        await Assertions.Expect(alice.GetByTestId("global-search-results")).ToHaveAttributeAsync("aria-busy", "false");
        await Assertions.Expect(options.First).ToContainTextAsync("bios");
        var first = await options.First.GetAttributeAsync("data-href");
        await alice.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", "global-search-option-0");
        await alice.Keyboard.PressAsync("Enter");
        await alice.WaitForURLAsync("**" + first);
        await PortalAppFixture.WaitForReadyAsync(alice, "ticket-page");
        await Assertions.Expect(alice.GetByTestId("ticket-title")).ToContainTextAsync("bios");
        await alice.Context.CloseAsync();

        var bob = await app.NewPageAsync(390, 844);
        await PortalAppFixture.SignInAsync(bob, DemoData.BobEmail);
        await bob.GotoAsync("/dashboard");
        await PortalAppFixture.WaitForInteractiveAsync(bob);
        await bob.GetByTestId("global-search").FillAsync("bios");
        await Assertions.Expect(bob.GetByTestId("global-search-empty")).ToContainTextAsync("Nothing found for “bios”");
        await bob.GetByTestId("global-search").FillAsync("page");
        await Assertions.Expect(bob.GetByTestId("global-search-option").Filter(new() { HasText = "Quarterly sale landing page" })).ToHaveCountAsync(1);
        await Assertions.Expect(bob.GetByTestId("global-search-results")).Not.ToContainTextAsync("bios page");
        await bob.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "search-phone.png") });
        await bob.Context.CloseAsync();
    }
}
