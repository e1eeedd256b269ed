using KtPortal.Domain.Seeding;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>On a 375 px phone the tables in cards reflow: each row a block of full-width "label  value" lines.</summary>
[Collection(E2ECollection.Name)]
public sealed class PhoneLayoutE2ETests(PortalAppFixture app)
{
    /// <summary>Every labelled cell of the table spans (nearly) the table's width: stacked, not squeezed into columns.</summary>
    private static async Task ExpectStackedAsync(IPage page, string testId)
    {
        var table = page.GetByTestId(testId);
        await Assertions.Expect(table).ToBeVisibleAsync();
        var ratios = await table.EvaluateAsync<double[]>("""
            t => {
              const width = t.querySelector('table').getBoundingClientRect().width;
              return [...t.querySelectorAll('td[data-label]')].map(c => c.getBoundingClientRect().width / width);
            }
            """);
        ratios.Should().NotBeEmpty();
        ratios.Should().OnlyContain(r => r > 0.8, $"{testId}'s cells are lines of their own on a phone");
    }

    [Fact]
    public async Task ShouldStackTheTimeAndBillingTables_OnATicket_AndTheMeter_OnTheDashboard()
    {
        var staff = await app.NewPageAsync(375, 812);
        await PortalAppFixture.SignInAsync(staff, DemoData.StaffEmail);
        await staff.GotoAsync("/tickets/KT-1001");
        await PortalAppFixture.WaitForReadyAsync(staff, "ticket-page");
        await ExpectStackedAsync(staff, "time-entries");
        await ExpectStackedAsync(staff, "ticket-billing-periods");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ArtifactsDirectory, "ticket-phone-tables.png"), FullPage = true });

        var alice = await app.NewPageAsync(375, 812);
        await PortalAppFixture.SignInAsync(alice, DemoData.AliceEmail);
        await alice.WaitForURLAsync("**/dashboard");
        await PortalAppFixture.WaitForInteractiveAsync(alice);
        await ExpectStackedAsync(alice, "meter-tickets");

        // At a desk the same tables keep their columns.
        var desk = await app.NewPageAsync(1440, 900);
        await PortalAppFixture.SignInAsync(desk, DemoData.AliceEmail);
        await desk.WaitForURLAsync("**/dashboard");
        await PortalAppFixture.WaitForInteractiveAsync(desk);
        // Measure only once the cell is laid out: a width read mid-render is 0 / 0.
        await Assertions.Expect(desk.GetByTestId("meter-tickets").Locator("td[data-label=Logged]").First).ToBeVisibleAsync();
        var wide = await desk.GetByTestId("meter-tickets").EvaluateAsync<double>("t => t.querySelector('td[data-label=Logged]').getBoundingClientRect().width / t.querySelector('table').getBoundingClientRect().width");
        wide.Should().BeLessThan(0.5, "a wide table keeps its columns");
        await staff.Context.CloseAsync();
        await alice.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }
}
