using KtPortal.Domain.Seeding;

namespace KtPortal.Tests.Integration.Layout;

/// <summary>The chosen theme travels in a cookie, so the server draws the first paint in it (no light page, then dark).</summary>
public sealed class ThemeCookieTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    // The dark palette's text on filled primary buttons (PortalTheme.DarkInk); the light palette has white there.
    private const string DarkPaletteMarker = "--mud-palette-primary-text: rgba(0,0,0,";

    private async Task<string> BoardAsync(string? theme)
    {
        using var client = PortalClient.Create(factory);
        await client.SignInAsync(DemoData.StaffEmail);
        if (theme is not null)
        {
            client.Cookies.Add(client.Http.BaseAddress!, new System.Net.Cookie("ktportal-theme", theme));
        }

        var response = await client.GetAsync("/board");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ShouldDrawTheFirstPaintDark_WhenTheCookieSaysDark_AndLightOtherwise()
    {
        (await BoardAsync("dark")).Should().Contain(DarkPaletteMarker);
        (await BoardAsync("light")).Should().NotContain(DarkPaletteMarker);
        (await BoardAsync(null)).Should().NotContain(DarkPaletteMarker, "without a choice the first paint is light and the device decides once the circuit runs");
        (await BoardAsync("<script>")).Should().NotContain(DarkPaletteMarker, "an unknown value counts as no choice");
    }
}
