using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// Two instances behind a sticky balancer, one database, one Redis: a ticket moved by someone on instance A changes on
/// a page open on instance B without a reload; while Redis is down both keep working, and when it is back the page on B
/// catches up; when B dies with that page open, the page comes back through the balancer on A with what was written
/// meanwhile. One test, because each step leaves the deployment as the next one needs it.
/// </summary>
[Collection(TwoInstancesCollection.Name)]
public sealed class TwoInstancesE2ETests(TwoInstancesFixture portal)
{
    [Fact]
    public async Task ShouldShowAMoveMadeOnOneInstance_OnAPageOpenOnTheOther_ThroughARedisOutage_AndWhenItsInstanceDies()
    {
        var watcher = await portal.NewPageOnAsync("b");
        await PortalAppFixture.SignInAsync(watcher, DemoData.StaffEmail);
        await PortalAppFixture.WaitForReadyAsync(watcher, "board");
        var number = await watcher.Locator("[data-testid=board-column][data-status=New] [data-testid=ticket-card]").First.GetAttributeAsync("data-ticket-number")
            ?? throw new InvalidOperationException("The demo board has no New ticket.");
        await watcher.GotoAsync($"/tickets/{number}");
        await PortalAppFixture.WaitForInteractiveAsync(watcher);
        var shown = watcher.GetByTestId("ticket-status");
        await Assertions.Expect(shown).ToHaveTextAsync("New");

        var mover = await portal.NewPageOnAsync("a");
        await PortalAppFixture.SignInAsync(mover, DemoData.AdminEmail);
        await MoveAsync(mover, number, "InProgress", "In Progress");

        await ExpectAsync(shown, "In Progress", "the page on B hears of the move made on A");

        // Redis dies: writes on A still work, the page on B cannot hear of them (pub/sub is at most once) but keeps
        // working; when Redis is back, every page re-reads and B's page shows what it missed.
        await portal.Redis.KillAsync();
        await MoveAsync(mover, number, "WaitingOnClient", "Waiting on Client");
        var second = await portal.NewPageOnAsync("b");
        await PortalAppFixture.SignInAsync(second, DemoData.StaffEmail);
        await second.GotoAsync($"/tickets/{number}");
        await ExpectAsync(second.GetByTestId("ticket-status"), "Waiting on Client", "B serves current pages while Redis is down");
        await Assertions.Expect(shown).ToHaveTextAsync("In Progress", new() { Timeout = 1_000 });
        await second.Context.CloseAsync();
        await portal.Redis.StartAgainAsync();
        await ExpectAsync(shown, "Waiting on Client", "the page on B catches up once Redis is back", 30_000);
        await MoveAsync(mover, number, "InProgress", "In Progress");
        await ExpectAsync(shown, "In Progress", "moves on A reach B again");

        await portal.Instances["b"].KillAsync();
        await MoveAsync(mover, number, "WaitingOnClient", "Waiting on Client");

        // The circuit died with B. Blazor reconnects through the balancer, which now sends it to A; A does not know the
        // circuit, so the page loads afresh there (still signed in: the keys and sessions are in the database).
        await ExpectAsync(watcher.GetByTestId("ticket-status"), "Waiting on Client", "the page open on B comes back on A with the write made meanwhile", 90_000);
        var servedBy = await watcher.Context.APIRequest.GetAsync("/health/live");
        servedBy.Headers[StickyBalancer.InstanceHeader.ToLowerInvariant()].Should().Be("a");

        await watcher.Context.CloseAsync();
        await mover.Context.CloseAsync();
    }

    private static async Task MoveAsync(IPage page, string number, string status, string label)
    {
        if (!page.Url.EndsWith($"/tickets/{number}", StringComparison.Ordinal))
        {
            await page.GotoAsync($"/tickets/{number}");
            await PortalAppFixture.WaitForInteractiveAsync(page);
        }

        await page.GetByTestId("status-menu").ClickAsync();
        await page.GetByTestId($"status-{status}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync(label);
    }

    private async Task ExpectAsync(ILocator locator, string text, string because, float timeout = 10_000)
    {
        try
        {
            await Assertions.Expect(locator).ToHaveTextAsync(text, new() { Timeout = timeout });
        }
        catch (PlaywrightException ex)
        {
            var output = portal.Output;
            throw new InvalidOperationException($"{because}: {ex.Message}\nPortal output (end):\n{output[Math.Max(0, output.Length - 6000)..]}", ex);
        }
    }
}
