using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

[Collection(E2ECollection.Name)]
public sealed class ClientAdministrationE2ETests(PortalAppFixture app)
{
    [Fact]
    public async Task ShouldSignOutADeactivatedUsersOpenPage_AndLetThemBackWhenReactivated()
    {
        // Bob has his dashboard open.
        var bob = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(bob, DemoData.BobEmail);
        await bob.WaitForURLAsync("**/dashboard");
        await PortalAppFixture.WaitForInteractiveAsync(bob);

        // Staff deactivates him from the client page, confirming first.
        var staff = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        await staff.GotoAsync("/clients");
        await PortalAppFixture.WaitForInteractiveAsync(staff);
        await staff.GetByTestId("client-link").GetByText(DemoData.BirchName).ClickAsync();
        await staff.WaitForURLAsync("**/clients/*");
        var bobRow = staff.GetByTestId("user-table").Locator("tr", new() { HasText = DemoData.BobEmail });
        await bobRow.GetByTestId("user-deactivate").ClickAsync();
        await staff.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(bobRow.GetByText("Deactivated")).ToBeVisibleAsync();

        // His open page is signed out by the circuit's revalidation, without a reload.
        await bob.WaitForURLAsync("**/Account/Login**", new() { Timeout = 30_000 });
        await bob.FillAsync("#Input\\.Email", DemoData.BobEmail);
        await bob.FillAsync("#Input\\.Password", DemoData.Password);
        await bob.ClickAsync("button[type=submit]");
        await Assertions.Expect(bob.GetByTestId("status-message")).ToContainTextAsync("deactivated");

        // Reactivated, he can sign in again.
        await bobRow.GetByTestId("user-reactivate").ClickAsync();
        await Assertions.Expect(bobRow.GetByText("Active", new() { Exact = true })).ToBeVisibleAsync();
        await PortalAppFixture.SignInAsync(bob, DemoData.BobEmail);
        await bob.WaitForURLAsync("**/dashboard");

        await bob.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldKeepWhatWasTypedAndShowTheFieldError_WhenANewClientIsInvalid_ThenCreateIt()
    {
        var staff = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        await staff.GotoAsync("/clients");
        await PortalAppFixture.WaitForInteractiveAsync(staff);

        await staff.GetByTestId("client-create").ClickAsync();
        var dialog = staff.GetByRole(AriaRole.Dialog);
        var name = dialog.Locator("input").Nth(0);
        var email = dialog.Locator("input").Nth(1);
        await name.FillAsync("Acme Dental");
        await email.FillAsync("accounts@newco.test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(dialog.GetByText("Another client already has this name.")).ToBeVisibleAsync();
        await Assertions.Expect(email).ToHaveValueAsync("accounts@newco.test");

        await name.FillAsync("Cedar Clinic");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await staff.WaitForURLAsync("**/clients/*");
        await Assertions.Expect(staff.GetByTestId("client-title")).ToHaveTextAsync("Cedar Clinic");
        await staff.Context.CloseAsync();
    }
}
