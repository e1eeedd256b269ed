using System.Text.RegularExpressions;
using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// Overage consent in a browser, on a client of its own (the demo's Acme and Birch stay as other tests expect them):
/// staff create the client, its plan and its admin's invitation, and set it to ask before overage; time past the plan's
/// hours asks the admin, whose open dashboard shows the question live; staff see it on the ticket; the admin approves
/// extra hours and the pending charges follow. The dashboard is checked with axe while the question is open.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class OverageConsentE2ETests(PortalAppFixture app)
{
    private const string ClientName = "Elm Orthodontics";
    private const string AdminEmail = "erin@elm.test";
    private const string Password = "Elm-consent-2026!";

    [Fact]
    public async Task ShouldAskTheClientsAdminLive_ShowStaffTheState_AndBillWhatTheAdminApproves()
    {
        var staff = await app.NewPageAsync(1440, 900);
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        var invitation = await CreateClientWithPlanAsync(staff);
        await staff.GetByTestId("plan-ask-before-overage").ClickAsync();
        await Assertions.Expect(staff.Locator("[data-testid=plan-status] [data-testid=overage-consent]")).ToHaveAttributeAsync("data-state", "notasked");

        // Erin accepts the invitation, raises a ticket and keeps her dashboard open.
        var erin = await app.NewPageAsync(390, 844);
        await AccessibilityE2ETests.AddAxeAsync(erin.Context);
        await erin.GotoAsync(invitation);
        await erin.FillAsync("#Input\\.Password", Password);
        await erin.FillAsync("#Input\\.ConfirmPassword", Password);
        await erin.ClickAsync("button[type=submit]");
        await erin.WaitForURLAsync("**/dashboard");
        await erin.GotoAsync("/tickets/new");
        await PortalAppFixture.WaitForReadyAsync(erin, "ticket-new-form");
        await PortalAppFixture.Field(erin, "ticket-new-title").FillAsync("Booking page shows an error");
        await PortalAppFixture.Field(erin, "ticket-new-description").FillAsync("Patients cannot book.");
        await erin.GetByTestId("ticket-new-submit").ClickAsync();
        await erin.WaitForURLAsync(TicketUrl());
        var number = erin.Url[(erin.Url.LastIndexOf('/') + 1)..];
        await erin.GotoAsync("/dashboard");
        await PortalAppFixture.WaitForReadyAsync(erin, "dashboard-title");
        var consent = erin.GetByTestId("overage-consent");
        await Assertions.Expect(consent).ToHaveAttributeAsync("data-state", "notasked");

        // Staff log 11 hours on her covered ticket: one past the plan's 10.
        await staff.GotoAsync($"/tickets/{number}");
        await PortalAppFixture.WaitForReadyAsync(staff, "ticket-page");
        await PortalAppFixture.Field(staff, "time-duration").FillAsync("11h");
        await Assertions.Expect(staff.GetByTestId("time-panel")).ToContainTextAsync("= 11 h");
        await staff.GetByTestId("time-log").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("overage-consent-chip")).ToHaveAttributeAsync("data-state", "requested");

        // Her open dashboard asks, without a reload, and so does the bell.
        await Assertions.Expect(consent).ToHaveAttributeAsync("data-state", "requested");
        await Assertions.Expect(erin.GetByTestId("overage-consent-text")).ToContainTextAsync("1 h more has been logged");
        await Assertions.Expect(erin.GetByTestId("pending-charges")).ToHaveCountAsync(0);
        await AccessibilityE2ETests.ExpectNoSeriousViolationsAsync(erin, "dashboard with the overage question");
        await erin.GetByTestId("notification-bell").ClickAsync();
        await Assertions.Expect(erin.GetByTestId("notification-item").First).ToContainTextAsync("Approve extra hours? Your plan is 1 h over");
        await erin.Keyboard.PressAsync("Escape");

        // A refused amount keeps what she typed; then she approves two extra hours.
        var hours = PortalAppFixture.Field(erin, "overage-consent-hours");
        await hours.FillAsync("lots");
        await erin.GetByTestId("overage-consent-approve").ClickAsync();
        await Assertions.Expect(consent).ToContainTextAsync("Use hours and minutes");
        await Assertions.Expect(hours).ToHaveValueAsync("lots");
        await hours.FillAsync("2");
        await erin.GetByTestId("overage-consent-approve").ClickAsync();
        await Assertions.Expect(consent).ToHaveAttributeAsync("data-state", "approved");
        await Assertions.Expect(erin.GetByTestId("pending-charges")).ToContainTextAsync("$90.00", new() { Timeout = 10_000 });
        await Assertions.Expect(staff.GetByTestId("overage-consent-chip")).ToHaveCountAsync(0);
        await erin.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "overage-consent-approved.png") });

        await erin.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    /// <summary>From /clients: a new client, the "Basic Maintenance" plan, and an invitation for its admin; returns the link.</summary>
    private static async Task<string> CreateClientWithPlanAsync(IPage staff)
    {
        await staff.GotoAsync("/clients");
        await PortalAppFixture.WaitForInteractiveAsync(staff);
        await staff.GetByTestId("client-create").ClickAsync();
        var dialog = staff.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input").Nth(0).FillAsync(ClientName);
        await dialog.Locator("input").Nth(1).FillAsync("accounts@elm.test");
        await PortalAppFixture.Field(staff, "client-dev-rate").FillAsync("120");
        await PortalAppFixture.Field(staff, "client-support-rate").FillAsync("90");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await staff.WaitForURLAsync("**/clients/*");
        await Assertions.Expect(staff.GetByTestId("client-title")).ToHaveTextAsync(ClientName);

        await staff.GetByTestId("plan-create").ClickAsync();
        await staff.GetByTestId("plan-template").ClickAsync();
        await staff.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^Basic Maintenance") }).ClickAsync();
        await Assertions.Expect(PortalAppFixture.Field(staff, "plan-name")).ToHaveValueAsync("Basic Maintenance");
        await staff.GetByTestId("plan-save").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("plan-terms")).ToContainTextAsync("Basic Maintenance");

        await staff.GetByTestId("user-invite").ClickAsync();
        await PortalAppFixture.Field(staff, "invite-name").FillAsync("Erin Elm");
        await PortalAppFixture.Field(staff, "invite-email").FillAsync(AdminEmail);
        await staff.GetByText("Client admin: sees all of the company's tickets").ClickAsync();
        await staff.GetByTestId("invite-send").ClickAsync();
        var link = PortalAppFixture.Field(staff, "invite-link");
        await Assertions.Expect(link).ToHaveValueAsync(new Regex("AcceptInvitation"));
        var url = await link.InputValueAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        return url;
    }

    [GeneratedRegex("/tickets/KT-[0-9]+$")]
    private static partial Regex TicketUrl();
}
