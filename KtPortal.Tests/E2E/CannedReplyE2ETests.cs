using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// Canned replies in a browser: a reply naming an unknown variable is refused with the text kept; once saved, it is
/// inserted from a ticket's reply box with the search and the keyboard, filled in for that ticket, after what staff had
/// already typed. Nothing is sent (the demo ticket stays as other tests expect it).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class CannedReplyE2ETests(PortalAppFixture app)
{
    [Fact]
    public async Task ShouldRefuseAnUnknownVariable_ThenInsertTheReplyFilledInAfterWhatWasTyped()
    {
        var staff = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        await staff.GotoAsync("/canned-replies");
        await PortalAppFixture.WaitForReadyAsync(staff, "canned-replies");

        await staff.GetByTestId("canned-reply-add").ClickAsync();
        await PortalAppFixture.Field(staff, "canned-reply-title").FillAsync("Plan hours left");
        await PortalAppFixture.Field(staff, "canned-reply-body").FillAsync("Hi {{requester.firstname}}, about {{ticket.number}}.");
        await staff.GetByTestId("canned-reply-save").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("canned-reply-dialog")).ToContainTextAsync("{{requester.firstname}} is not a variable");
        await Assertions.Expect(PortalAppFixture.Field(staff, "canned-reply-body")).ToHaveValueAsync("Hi {{requester.firstname}}, about {{ticket.number}}.");

        await PortalAppFixture.Field(staff, "canned-reply-body").FillAsync("Hi {{requester.first_name}}, about {{ticket.number}} for {{client.name}}.");
        await staff.GetByTestId("canned-reply-save").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("canned-reply-row-title").Filter(new() { HasText = "Plan hours left" })).ToHaveCountAsync(1);

        await staff.GotoAsync("/tickets/KT-1001");
        await PortalAppFixture.WaitForReadyAsync(staff, "ticket-page");
        await PortalAppFixture.Field(staff, "reply-body").FillAsync("Thanks for the screenshots.");
        await staff.GetByTestId("reply-canned").ClickAsync();
        await Assertions.Expect(PortalAppFixture.Field(staff, "canned-reply-search")).ToBeFocusedAsync();
        await staff.Keyboard.TypeAsync("hours left");
        await Assertions.Expect(staff.GetByTestId("canned-reply-choice")).ToHaveCountAsync(1);
        await staff.Keyboard.PressAsync("Enter");

        await Assertions.Expect(PortalAppFixture.Field(staff, "reply-body"))
            .ToHaveValueAsync("Thanks for the screenshots.\n\nHi Alice, about KT-1001 for Acme Dental.");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "canned-reply-inserted.png") });
        await staff.Context.CloseAsync();
    }
}
