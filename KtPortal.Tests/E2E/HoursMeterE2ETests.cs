using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>Staff log time at a desk; Alice's dashboard, open all along, follows the hours and both sides are notified.</summary>
[Collection(E2ECollection.Name)]
public sealed class HoursMeterE2ETests(PortalAppFixture app)
{
    private static ILocator Field(IPage page, string testId) => PortalAppFixture.Field(page, testId);

    private static async Task<int> UnreadAsync(IPage page) =>
        int.Parse(await page.GetByTestId("notification-bell").GetAttributeAsync("data-unread") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task LogTimeAsync(IPage staff, string duration)
    {
        await Field(staff, "time-duration").FillAsync(duration);
        await Assertions.Expect(staff.GetByTestId("time-panel")).ToContainTextAsync("= 2 h");
        await staff.GetByTestId("time-log").ClickAsync();
        await Assertions.Expect(Field(staff, "time-duration")).ToHaveValueAsync(string.Empty);
    }

    [Fact]
    public async Task ShouldMoveAlicesOpenMeterWhenStaffLogTime_AndTellBothSidesWhenThePlanRunsOver()
    {
        var alice = await app.NewPageAsync(1280, 900);
        await PortalAppFixture.SignInAsync(alice, DemoData.AliceEmail);
        await alice.WaitForURLAsync("**/dashboard");
        await PortalAppFixture.WaitForReadyAsync(alice, "dashboard-title");
        var meter = alice.GetByTestId("hours-meter");
        await Assertions.Expect(meter).ToHaveTextAsync("You've used 7 of 10 hours this month");

        var staff = await app.NewPageAsync(1400, 900);
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        await staff.WaitForURLAsync("**/board");
        await staff.GotoAsync("/tickets/KT-1001");
        await PortalAppFixture.WaitForReadyAsync(staff, "ticket-page");

        // Other tests on the shared app may have told them about tickets already: count from here.
        var aliceBefore = await UnreadAsync(alice);
        var staffBefore = await UnreadAsync(staff);

        // KT-1001 is an Acme troubleshooting ticket that already has more than an hour: 2 h logged is 2 h charged.
        await LogTimeAsync(staff, "2h");
        await Assertions.Expect(meter).ToHaveTextAsync("You've used 9 of 10 hours this month");
        await Assertions.Expect(alice.GetByTestId("hours-overage")).ToHaveCountAsync(0);

        await LogTimeAsync(staff, "2:00");
        await Assertions.Expect(meter).ToHaveTextAsync("You've used 11 of 10 hours this month");
        await Assertions.Expect(alice.GetByTestId("hours-overage")).ToHaveTextAsync("1 h over your plan");
        await Assertions.Expect(alice.GetByTestId("meter-bar")).ToHaveAttributeAsync("data-percent", "110");

        // Both sides were told, live: 80% first, then overage.
        await Assertions.Expect(alice.GetByTestId("notification-bell")).ToHaveAttributeAsync("data-unread", $"{aliceBefore + 2}");
        await Assertions.Expect(staff.GetByTestId("notification-bell")).ToHaveAttributeAsync("data-unread", $"{staffBefore + 2}");
        await alice.GetByTestId("notification-bell").ClickAsync();
        await Assertions.Expect(alice.GetByTestId("notification-item").First).ToContainTextAsync("Your plan hours are used up: 1 h over");
        await staff.GetByTestId("notification-bell").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("notification-item").First).ToContainTextAsync("Acme Dental is over plan: 11 of 10 hours");

        // The staff ticket page explains the split; Alice's view of the ticket shows hours and coverage, not money.
        await staff.Keyboard.PressAsync("Escape");
        await Assertions.Expect(staff.GetByTestId("ticket-billing")).ToContainTextAsync("Logged 10.00 h, charged 10.00 h");
        await alice.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "hours-meter-alice.png"), FullPage = true });
        await staff.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "time-staff-ticket.png"), FullPage = true });

        await alice.Keyboard.PressAsync("Escape");
        await alice.GotoAsync("/tickets/KT-1001");
        await PortalAppFixture.WaitForReadyAsync(alice, "ticket-page");
        await Assertions.Expect(alice.GetByTestId("ticket-billing")).ToContainTextAsync("over your plan");
        await Assertions.Expect(alice.GetByTestId("time-panel")).ToHaveCountAsync(0);
        (await alice.GetByTestId("ticket-billing").InnerTextAsync()).Should().NotContain("$", "clients see hours, not the staff's money split");

        await alice.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }
}
