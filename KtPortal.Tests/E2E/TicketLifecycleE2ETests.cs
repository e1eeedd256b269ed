using System.Text.RegularExpressions;
using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>Two people in two browser contexts: a client on a phone and staff at a desk, seeing each other's changes live.</summary>
[Collection(E2ECollection.Name)]
public sealed partial class TicketLifecycleE2ETests(PortalAppFixture app)
{
    private static ILocator Field(IPage page, string testId) => PortalAppFixture.Field(page, testId);

    /// <summary>A card in the columns (desktop layout) or, with <paramref name="phone"/>, in the stacked list; CSS shows one of the two.</summary>
    private static ILocator Card(IPage page, string number, bool phone = false) =>
        page.Locator($"[data-testid={(phone ? "board-list" : "board-columns")}] [data-testid=ticket-card][data-ticket-number={number}]");

    [Fact]
    public async Task ShouldShowANewClientTicketOnTheBoard_AndTheStaffStatusOnTheClientsPage_WithoutReloads_AndNeverTheInternalNote()
    {
        var staff = await app.NewPageAsync(1400, 900);
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        await staff.WaitForURLAsync("**/board");
        await PortalAppFixture.WaitForReadyAsync(staff, "board");

        // Alice raises a ticket from her phone; a disallowed file is refused with a message and nothing else is lost.
        var client = await app.NewPageAsync(390, 844);
        await PortalAppFixture.SignInAsync(client, DemoData.AliceEmail);
        await client.GotoAsync("/tickets/new");
        await PortalAppFixture.WaitForReadyAsync(client, "ticket-new-form");
        var title = $"Printer on fire {Guid.NewGuid():N}"[..28];
        await Field(client, "ticket-new-title").FillAsync(title);
        await Field(client, "ticket-new-description").FillAsync("It **really** is on fire.");
        await client.GetByTestId("ticket-new-files").SetInputFilesAsync(new FilePayload { Name = "evil.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A] });
        await Assertions.Expect(client.GetByTestId("attachment-error")).ToContainTextAsync("\"evil.exe\" is not an allowed file type");
        await client.GetByTestId("ticket-new-files").SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47] });
        await Assertions.Expect(client.GetByTestId("attachment-chip")).ToContainTextAsync("photo.png");
        // A second selection adds to the first (it used to make "Create ticket" fail and lose the form).
        await client.GetByTestId("ticket-new-files").SetInputFilesAsync(new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4"u8.ToArray() });
        await Assertions.Expect(client.GetByTestId("attachment-chip")).ToHaveCountAsync(2);
        await Assertions.Expect(Field(client, "ticket-new-title")).ToHaveValueAsync(title);
        await client.GetByTestId("ticket-new-submit").ClickAsync();
        await client.WaitForURLAsync(TicketUrl());
        var number = client.Url[(client.Url.LastIndexOf('/') + 1)..];
        await Assertions.Expect(client.GetByTestId("ticket-status")).ToHaveTextAsync("New");
        await Assertions.Expect(client.GetByTestId("attachment-link").Filter(new() { HasText = "photo.png" })).ToHaveCountAsync(1);
        await Assertions.Expect(client.GetByTestId("attachment-link").Filter(new() { HasText = "invoice.pdf" })).ToHaveCountAsync(1);

        // The staff board, open all along, shows the card without a reload.
        var card = Card(staff, number);
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "New");
        await Assertions.Expect(card).ToContainTextAsync(title);

        // Staff opens it, adds an internal note, moves it to In Progress and replies.
        await card.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await staff.WaitForURLAsync($"**/tickets/{number}");
        await PortalAppFixture.WaitForReadyAsync(staff, "ticket-page");
        await Field(staff, "reply-internal").CheckAsync();
        await Field(staff, "reply-body").FillAsync("Internal: their printer vendor is awful");
        await staff.GetByTestId("reply-send").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("internal-note")).ToContainTextAsync("printer vendor is awful");
        await staff.GetByTestId("status-menu").ClickAsync();
        await staff.GetByTestId("status-InProgress").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("ticket-status")).ToHaveTextAsync("In Progress");

        // Alice's page, open all along, shows the new status without a reload.
        await Assertions.Expect(client.GetByTestId("ticket-status")).ToHaveTextAsync("In Progress");

        await Field(staff, "reply-internal").UncheckAsync();
        await Field(staff, "reply-body").FillAsync("We're on it.");
        await staff.GetByTestId("reply-send").ClickAsync();
        await Assertions.Expect(client.GetByTestId("reply")).ToContainTextAsync("We're on it.");

        // The note came before that reply, so Alice's page has re-read the conversation since: the note is not in it.
        await Assertions.Expect(client.GetByTestId("internal-note")).ToHaveCountAsync(0);
        (await client.ContentAsync()).Should().NotContain("printer vendor");
        await client.ReloadAsync();
        await Assertions.Expect(client.GetByTestId("reply")).ToContainTextAsync("We're on it.");
        (await client.ContentAsync()).Should().NotContain("printer vendor");

        await client.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "ticket-client-phone.png"), FullPage = true });
        await staff.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "ticket-staff.png"), FullPage = true });
        await client.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldMoveACardByDragOnDesktop_AndFromItsMenuOnAPhone_AndUndoTheMove()
    {
        // A ticket of this test's own, so nothing another test (or job) does to the demo tickets can stand in the way.
        var number = await RaiseTicketAsync(DemoData.CarolEmail, $"Board drag {Guid.NewGuid():N}"[..24]);

        var desk = await app.NewPageAsync(1400, 900);
        await PortalAppFixture.SignInAsync(desk, DemoData.StaffEmail);
        await desk.WaitForURLAsync("**/board");
        await PortalAppFixture.WaitForReadyAsync(desk, "board");
        var card = desk.Locator("[data-testid=board-column][data-status=New]").Locator($"[data-testid=ticket-card][data-ticket-number={number}]");
        await Assertions.Expect(card).ToBeVisibleAsync();
        // The cards' plan health arrives after the columns; once it shows, the cards stop moving under the pointer (a drag
        // that started while they still did once picked up the card below).
        await Assertions.Expect(card.GetByTestId("plan-health")).ToBeVisibleAsync();

        await DragAsync(desk, card, desk.Locator("[data-testid=board-column][data-status=WaitingOnClient] [data-testid=board-zone]"));
        await ExpectStatusAsync(desk, Card(desk, number), "WaitingOnClient");
        await Assertions.Expect(desk.GetByTestId("undo-move")).ToBeVisibleAsync();

        var phone = await app.NewPageAsync(390, 844);
        await PortalAppFixture.SignInAsync(phone, DemoData.StaffEmail);
        await phone.WaitForURLAsync("**/board");
        await PortalAppFixture.WaitForReadyAsync(phone, "board");
        await phone.Locator("[data-testid=board-status-tab][data-status=WaitingOnClient]").ClickAsync();
        var phoneCard = Card(phone, number, phone: true);
        await Assertions.Expect(phoneCard).ToHaveAttributeAsync("data-status", "WaitingOnClient");
        await phoneCard.GetByTestId("card-move-menu").ClickAsync();
        await phoneCard.GetByTestId("card-move-InProgress").ClickAsync();
        await Assertions.Expect(phoneCard).ToHaveCountAsync(0); // it left the Waiting list
        await ExpectStatusAsync(desk, Card(desk, number), "InProgress"); // and the desk board follows live

        await phone.GetByTestId("undo-move").ClickAsync();
        await Assertions.Expect(phoneCard).ToHaveAttributeAsync("data-status", "WaitingOnClient");
        await Assertions.Expect(phone.Locator(".mud-snackbar").Filter(new() { HasText = $"Undone: {number} is Waiting on Client again." })).ToBeVisibleAsync();
        await ExpectStatusAsync(desk, Card(desk, number), "WaitingOnClient");

        await phone.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "board-phone.png"), FullPage = true });
        await desk.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "board-desktop.png") });
        await desk.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldShowAtLeastFourCardsInAPhonesFirstScreen_AndAllFiveColumnsAt1440()
    {
        var phone = await app.NewPageAsync(375, 812);
        await PortalAppFixture.SignInAsync(phone, DemoData.StaffEmail);
        await phone.WaitForURLAsync("**/board");
        await PortalAppFixture.WaitForReadyAsync(phone, "board");
        await Assertions.Expect(phone.GetByTestId("board-filters-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(phone.GetByTestId("board-filter-client")).ToBeHiddenAsync();

        var bottoms = await phone.Locator("[data-testid=board-list] [data-testid=ticket-card]")
            .EvaluateAllAsync<double[]>("cards => cards.map(c => c.getBoundingClientRect().bottom)");
        bottoms.Count(b => b <= 812).Should().BeGreaterThanOrEqualTo(4, "four cards or more fit the first screen of a phone");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "board-phone-first-screen.png") });

        // The filters open under their button, which counts the ones set.
        await phone.GetByTestId("board-filters-toggle").ClickAsync();
        await phone.GetByTestId("board-filter-priority").SelectOptionAsync("Urgent");
        await Assertions.Expect(phone.GetByTestId("board-filters-toggle")).ToContainTextAsync("Filters (1)");

        var desk = await app.NewPageAsync(1440, 900);
        await PortalAppFixture.SignInAsync(desk, DemoData.StaffEmail);
        await desk.WaitForURLAsync("**/board");
        await PortalAppFixture.WaitForReadyAsync(desk, "board");
        var rights = await desk.Locator("[data-testid=board-column]").EvaluateAllAsync<double[]>("columns => columns.map(c => c.getBoundingClientRect().right)");
        rights.Should().HaveCount(5);
        rights.Should().OnlyContain(r => r <= 1440, "all five columns, Closed too, fit a 1440 px window");
        (await desk.Locator("[data-testid=board-columns]").EvaluateAsync<bool>("b => b.scrollWidth <= b.clientWidth")).Should().BeTrue("the columns do not scroll sideways");
        await desk.GetByTestId("board-filter-priority").WaitForAsync(); // every filter is in sight on a desk
        await Assertions.Expect(desk.GetByTestId("board-filters-toggle")).ToBeHiddenAsync();
        await phone.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldKeepTheFormAndSayWhatIsMissing_WhenATicketIsInvalid()
    {
        var client = await app.NewPageAsync(390, 844);
        await PortalAppFixture.SignInAsync(client, DemoData.CarolEmail);
        await client.GotoAsync("/tickets/new");
        await PortalAppFixture.WaitForReadyAsync(client, "ticket-new-form");

        await Field(client, "ticket-new-description").FillAsync("The details I typed");
        await client.GetByTestId("ticket-new-submit").ClickAsync();

        await Assertions.Expect(client.GetByText("Title is required.")).ToBeVisibleAsync();
        await Assertions.Expect(Field(client, "ticket-new-description")).ToHaveValueAsync("The details I typed");
        client.Url.Should().EndWith("/tickets/new");
        await client.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldTellTheSecondEditorThatTheTicketChanged_AndKeepWhatTheyTyped()
    {
        var first = await app.NewPageAsync();
        var second = await app.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await PortalAppFixture.SignInAsync(page, DemoData.StaffEmail);
            await page.GotoAsync("/tickets/KT-1003");
            await PortalAppFixture.WaitForReadyAsync(page, "ticket-page");
            await page.GetByTestId("ticket-edit").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }

        await Field(first, "ticket-edit-title").FillAsync("First editor's title");
        await first.GetByTestId("ticket-edit-save").ClickAsync();
        await Assertions.Expect(first.GetByTestId("ticket-title")).ToContainTextAsync("First editor's title");

        await Field(second, "ticket-edit-title").FillAsync("Second editor's title");
        await second.GetByTestId("ticket-edit-save").ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Dialog)).ToContainTextAsync("This ticket changed since you opened it.");
        await Assertions.Expect(Field(second, "ticket-edit-title")).ToHaveValueAsync("Second editor's title");

        // Behind the dialog, the page itself has followed the first editor's save live.
        await Assertions.Expect(second.GetByTestId("ticket-title")).ToContainTextAsync("First editor's title");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    /// <summary>Raises a ticket through the form as a client user in a context of its own, and returns its number.</summary>
    private async Task<string> RaiseTicketAsync(string email, string title)
    {
        var client = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(client, email);
        await client.GotoAsync("/tickets/new");
        await PortalAppFixture.WaitForReadyAsync(client, "ticket-new-form");
        await Field(client, "ticket-new-title").FillAsync(title);
        await Field(client, "ticket-new-description").FillAsync("Raised by the board test.");
        await client.GetByTestId("ticket-new-submit").ClickAsync();
        await client.WaitForURLAsync(TicketUrl());
        var number = client.Url[(client.Url.LastIndexOf('/') + 1)..];
        await client.Context.CloseAsync();
        return number;
    }

    /// <summary>
    /// Drags as a person does: picks the card up, moves over the column, waits until the column shows it takes the card
    /// (the server has seen the drag start), then lets go. Playwright's one-call drag releases at once, and on a busy
    /// machine the drop could reach the page before it had drawn the drag, so nothing moved and nothing said why.
    /// </summary>
    private static async Task DragAsync(IPage page, ILocator card, ILocator zone)
    {
        await card.HoverAsync();
        await page.Mouse.DownAsync();
        var target = await zone.BoundingBoxAsync() ?? throw new InvalidOperationException("The column to drop on is not on screen.");
        var (x, y) = (target.X + (target.Width / 2), target.Y + Math.Min(40, target.Height / 2));
        await page.Mouse.MoveAsync(x, y, new() { Steps = 8 });
        await Assertions.Expect(zone).ToHaveClassAsync(new Regex("portal-board-zone-open"));
        await page.Mouse.MoveAsync(x, y + 2);
        await page.Mouse.UpAsync();
    }

    /// <summary>
    /// Waits for the card to show <paramref name="status"/>; if it does not, fails with what the page told the user
    /// (snackbars) and what the portal logged, so a failure in CI says why the move did not happen.
    /// </summary>
    private async Task ExpectStatusAsync(IPage page, ILocator card, string status)
    {
        try
        {
            await Assertions.Expect(card).ToHaveAttributeAsync("data-status", status);
        }
        catch (PlaywrightException ex)
        {
            var told = await page.Locator(".mud-snackbar").AllInnerTextsAsync();
            var output = app.Output;
            throw new InvalidOperationException(
                $"{ex.Message}\nSnackbars: [{string.Join(" | ", told)}]\nPortal output (end):\n{output[Math.Max(0, output.Length - 6000)..]}", ex);
        }
    }

    [GeneratedRegex(@"/tickets/KT-\d+$")]
    private static partial Regex TicketUrl();
}
