using System.Text.RegularExpressions;
using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// The portal with a keyboard only: no click, no fill, no mouse. Tab and Shift+Tab move, Enter acts, keys type. A client
/// signs in and raises a ticket; staff sign in, find it on the board, move it from its card's menu and log time on it.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class KeyboardE2ETests(PortalAppFixture app)
{
    [Fact]
    public async Task ShouldLetAClientRaiseATicket_AndStaffMoveItAndLogTime_WithTheKeyboardAlone()
    {
        var title = $"Keyboard only {Guid.NewGuid():N}"[..26];

        var client = await app.NewPageAsync(1280, 900);
        // Bob's client has no plan: the time logged below changes no plan's meter that other tests read.
        await SignInAsync(client, DemoData.BobEmail);
        await client.WaitForURLAsync("**/dashboard");
        await PortalAppFixture.WaitForInteractiveAsync(client);
        await TabToAsync(client, "a[href='/tickets/new']");
        await client.Keyboard.PressAsync("Enter");
        await PortalAppFixture.WaitForReadyAsync(client, "ticket-new-form");
        await TabToAsync(client, Field("ticket-new-title"));
        await client.Keyboard.TypeAsync(title);
        await TabToAsync(client, Field("ticket-new-description"));
        await client.Keyboard.TypeAsync("Typed without a mouse.");
        await TabToAsync(client, "[data-testid=ticket-new-submit]");
        await client.Keyboard.PressAsync("Enter");
        await client.WaitForURLAsync(TicketUrl());
        var number = client.Url[(client.Url.LastIndexOf('/') + 1)..];
        await Assertions.Expect(client.GetByTestId("ticket-title")).ToContainTextAsync(title);
        await client.Context.CloseAsync();

        var staff = await app.NewPageAsync(1440, 900);
        await SignInAsync(staff, DemoData.StaffEmail);
        await staff.WaitForURLAsync("**/board");
        await PortalAppFixture.WaitForReadyAsync(staff, "board");
        await TabToAsync(staff, "[data-testid=board-search]");
        await staff.Keyboard.TypeAsync(number);
        await staff.Keyboard.PressAsync("Enter");
        await Assertions.Expect(staff.GetByTestId("board-search")).ToHaveValueAsync(number);
        var card = staff.Locator($"[data-testid=board-columns] [data-testid=ticket-card][data-ticket-number={number}]");
        await Assertions.Expect(staff.Locator("[data-testid=board-columns] [data-testid=ticket-card]")).ToHaveCountAsync(1);

        // The card's menu opens on its first choice; Enter moves the card, and focus follows it to its new column.
        await TabToAsync(staff, $"[data-ticket-number={number}] [data-testid=card-move-menu]");
        await staff.Keyboard.PressAsync("Enter");
        await ExpectFocusAsync(staff, $"[data-ticket-number={number}] [data-testid=card-move-InProgress]");
        await staff.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "InProgress");
        await Assertions.Expect(staff.GetByTestId("undo-move")).ToBeVisibleAsync();
        await ExpectFocusAsync(staff, $"[data-testid=board-column][data-status=InProgress] [data-ticket-number={number}] [data-testid=card-move-menu]");

        // Back to the card's link, open the ticket, log an hour and a half.
        await TabToAsync(staff, $"[data-ticket-number={number}] a.portal-number", backwards: true);
        await staff.Keyboard.PressAsync("Enter");
        await staff.WaitForURLAsync($"**/tickets/{number}");
        await PortalAppFixture.WaitForReadyAsync(staff, "ticket-page");
        await TabToAsync(staff, Field("time-duration"), max: 120);
        await staff.Keyboard.TypeAsync("1:30");
        await TabToAsync(staff, Field("time-note"));
        await staff.Keyboard.TypeAsync("Logged from the keyboard");
        await TabToAsync(staff, "[data-testid=time-log]");
        await staff.Keyboard.PressAsync("Enter");

        var entry = staff.GetByTestId("time-entry").Filter(new() { HasText = "Logged from the keyboard" });
        await Assertions.Expect(entry).ToContainTextAsync("1.50");
        await Assertions.Expect(staff.GetByTestId("ticket-status")).ToHaveTextAsync("In Progress");
        await staff.Context.CloseAsync();
    }

    /// <summary>The input or textarea with this test id, or inside the element that has it (MudBlazor puts it on either).</summary>
    private static string Field(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";

    /// <summary>Signs in on the sign-in form by keyboard: Tab to each field, type, Enter.</summary>
    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await TabToAsync(page, "#Input\\.Email");
        await page.Keyboard.TypeAsync(email);
        await TabToAsync(page, "#Input\\.Password");
        await page.Keyboard.TypeAsync(DemoData.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Presses Tab (Shift+Tab <paramref name="backwards"/>) until the focused element matches; fails naming where focus went.</summary>
    private static async Task TabToAsync(IPage page, string selector, int max = 80, bool backwards = false)
    {
        var trail = new List<string>();
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await FocusedMatchesAsync(page, selector))
            {
                return;
            }

            trail.Add(await FocusedAsync(page));
        }

        throw new Xunit.Sdk.XunitException($"Tab never reached {selector} in {max} presses; focus went: {string.Join(" → ", trail)}");
    }

    private static async Task ExpectFocusAsync(IPage page, string selector)
    {
        for (var i = 0; i < 50 && !await FocusedMatchesAsync(page, selector); i++)
        {
            await Task.Delay(100);
        }

        (await FocusedMatchesAsync(page, selector)).Should().BeTrue($"focus is on {selector}, not on {await FocusedAsync(page)}");
    }

    private static Task<bool> FocusedMatchesAsync(IPage page, string selector) =>
        page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector);

    private static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const e = document.activeElement;
          if (!e) return 'nothing';
          const id = e.getAttribute('data-testid') || e.closest('[data-testid]')?.getAttribute('data-testid');
          return e.tagName.toLowerCase() + (id ? `[${id}]` : '') + (e.getAttribute('aria-label') ? `(${e.getAttribute('aria-label')})` : '');
        }
        """);

    [GeneratedRegex(@"/tickets/KT-\d+$")]
    private static partial Regex TicketUrl();
}
