using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

[Collection(E2ECollection.Name)]
public sealed class ShellE2ETests(PortalAppFixture app)
{
    [Theory]
    [InlineData(DemoData.AdminEmail, "/board", "Clients")]
    [InlineData(DemoData.StaffEmail, "/board", "Clients")]
    [InlineData(DemoData.AliceEmail, "/dashboard", "Team")]
    [InlineData(DemoData.CarolEmail, "/dashboard", "Dashboard")]
    public async Task ShouldLandOnTheRolesStartPage_WhenEachDemoUserSignsIn(string email, string startPath, string menuItem)
    {
        var page = await app.NewPageAsync();

        await PortalAppFixture.SignInAsync(page, email);

        await page.WaitForURLAsync($"**{startPath}");
        var nav = page.GetByTestId("nav-menu");
        await Assertions.Expect(nav.GetByText(menuItem, new() { Exact = true })).ToBeVisibleAsync();
        if (startPath == "/dashboard")
        {
            await Assertions.Expect(nav.GetByText("Clients", new() { Exact = true })).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldRunEveryPageUnderTheContentSecurityPolicy_WithoutAViolation()
    {
        var page = await app.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };

        var login = await page.GotoAsync("/Account/Login");
        login!.Headers.Should().NotContainKey("server");
        (await login.HeaderValueAsync("content-security-policy")).Should().Contain("script-src 'self'");
        await PortalAppFixture.SignInAsync(page, DemoData.StaffEmail);
        await page.WaitForURLAsync("**/board");
        var card = page.GetByTestId("ticket-card").First;
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.GotoAsync("/invoices");
        await Assertions.Expect(page.GetByTestId("invoice-table")).ToBeVisibleAsync();
        await page.GetByTestId("invoice-table").Locator("a").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("invoice-total")).ToBeVisibleAsync();
        await page.GotoAsync("/tickets/new");
        await Assertions.Expect(page.GetByTestId("ticket-new-title")).ToBeVisibleAsync();

        violations.Should().BeEmpty("the portal's own scripts, styles, images and WebSocket are all allowed by its policy");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldShowNotFound_WhenAClientUserTypesAnotherClientsTicketUrl()
    {
        var staff = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        await staff.GotoAsync("/tickets");
        var birchRow = staff.GetByTestId("ticket-table").Locator("tr", new() { HasText = DemoData.BirchName }).First;
        var birchNumber = (await birchRow.GetByTestId("ticket-link").InnerTextAsync()).Trim();
        var birchTitle = (await birchRow.Locator("td[data-label=Title]").InnerTextAsync()).Trim();

        var alice = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(alice, DemoData.AliceEmail);
        var response = await alice.GotoAsync($"/tickets/{birchNumber}");

        response!.Status.Should().Be(404);
        await Assertions.Expect(alice.GetByTestId("not-found")).ToBeVisibleAsync();
        await Assertions.Expect(alice.GetByText(birchTitle)).ToHaveCountAsync(0);
        await staff.Context.CloseAsync();
        await alice.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldWorkAt375Pixels_WithTheDrawerClosedUntilOpened()
    {
        var page = await app.NewPageAsync(375, 812);
        await PortalAppFixture.SignInAsync(page, DemoData.AliceEmail);
        await page.WaitForURLAsync("**/dashboard");
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        var nav = page.GetByTestId("nav-menu").GetByText("Team", new() { Exact = true });
        await PortalAppFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(nav).Not.ToBeInViewportAsync();
        await page.GetByTestId("drawer-toggle").ClickAsync();
        await Assertions.Expect(nav).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "shell-375-drawer-open.png") });

        await nav.ClickAsync();
        await page.WaitForURLAsync("**/team");
        await Assertions.Expect(nav).Not.ToBeInViewportAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        scrollWidth.Should().BeLessThanOrEqualTo(375, "nothing may force sideways scrolling on a phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "shell-375-team.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ShouldSwitchToDarkTheme_AndSignOutFromTheUserMenu()
    {
        var page = await app.NewPageAsync();
        await PortalAppFixture.SignInAsync(page, DemoData.StaffEmail);
        await page.WaitForURLAsync("**/board");

        await PortalAppFixture.WaitForInteractiveAsync(page);
        const string background = "() => getComputedStyle(document.body).backgroundColor";
        var before = await page.EvaluateAsync<string>(background);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync($"(b) => ({background})() !== b", before);
        var stored = await page.EvaluateAsync<string?>("() => localStorage.getItem('ktportal-theme')");
        stored.Should().Be(before.Contains("255", StringComparison.Ordinal) ? "dark" : "light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Sam Staff");
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
        await page.GotoAsync("/board");
        await page.WaitForURLAsync("**/Account/Login**");
        await page.Context.CloseAsync();
    }
}
