using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// Starts the real portal (the web project's build output, same configuration as the tests) on a free
/// loopback port with a fresh SQLite file and the demo data, and headless Debian Chromium through
/// Playwright. Shared by the E2E collection; disposed after it.
/// </summary>
public sealed class PortalAppFixture : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"ktportal-e2e-{Guid.NewGuid():N}.db");
    private PortalProcess? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Where the app's pickup-folder sender writes its .eml files (no SendGrid key is set).</summary>
    public string PickupDirectory => _databasePath + "-mail";

    public IBrowser Browser { get; private set; } = null!;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where screenshots go: TestResults/e2e under the repository root (CI keeps it as an artifact).</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot, "TestResults", "e2e")).FullName;

    /// <summary>What the portal printed, for failure messages.</summary>
    public string Output => _app?.Output ?? string.Empty;

    public async Task InitializeAsync()
    {
        // Live updates cross a browser, the portal and back while the rest of the suite keeps both cores busy: expectations
        // wait up to 10 s (Playwright's default is 5). A change that never shows still fails, with the page as it was.
        Assertions.SetDefaultExpectTimeout(10_000);
        // First start migrates, seeds five months of demo billing and sets up service levels, while the rest of the suite
        // keeps both cores busy: once (CI, 2 cores) that took longer than 90 s.
        _app = await PortalProcess.StartAsync(_databasePath, Settings(), TimeSpan.FromSeconds(180));
        BaseUrl = _app.BaseUrl;

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, without anything that reaches past loopback.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own cookies), at <paramref name="width"/> × <paramref name="height"/>.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form and waits until the start page has connected its circuit.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = KtPortal.Domain.Seeding.DemoData.Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("button[type=submit]");

        // 30 s, not the default 15: the first sign-in of a run lands while both portals warm up and the axe sweep
        // starts beside it, and once (CI, 2 cores) the redirect took longer than 15 s.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 30_000 });
    }

    /// <summary>The input or textarea with this test id, or inside the element that has it (MudBlazor puts it on either).</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>Waits until the page's circuit is connected, so clicks reach the server.</summary>
    public static Task WaitForInteractiveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("[data-testid=shell][data-interactive=true]").WaitForAsync();
    }

    /// <summary>Waits until a page marked <c>data-ready</c> has loaded its data on the circuit (not just the prerendered copy).</summary>
    public static Task WaitForReadyAsync(IPage page, string testId)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator($"[data-testid={testId}][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }

        if (Directory.Exists(_databasePath + "-files"))
        {
            Directory.Delete(_databasePath + "-files", recursive: true);
        }
    }

    /// <summary>The E2E portal's settings beyond its database: fast mail, a movable clock, generous sign-in limits.</summary>
    private Dictionary<string, string> Settings() => new()
    {
        ["KtPortal__Security__SignInAttemptsPerMinute"] = "1000",
        // The service-level tests move the portal's clock; alerts run when they do, not on a timer in the middle of
        // another test that counts its bell.
        ["KtPortal__Testing__ClockControl"] = "true",
        ["KtPortal__ServiceLevels__AlertInterval"] = "1.00:00:00",
        ["KtPortal__Security__SignInAttemptsPerAccount"] = "1000",
        ["KtPortal__Email__PickupDirectory"] = PickupDirectory,
        // Mail in seconds, not half a minute: tests read what the outbox sends (production sends every 30 s).
        ["KtPortal__Email__SendInterval"] = "00:00:02",
        // The password reset test asks twice for one account (the second time to put the demo password back).
        ["KtPortal__Accounts__PasswordResetPause"] = "00:00:01",
        // Short, so the deactivation test sees a circuit signed out quickly; production uses 30 s.
        ["KtPortal__Security__CircuitRevalidationInterval"] = "00:00:02",
    };

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("KTPORTAL_CHROMIUM");
        var path = string.IsNullOrWhiteSpace(configured) ? "/usr/bin/chromium" : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"No Chromium at {path}: install Debian's chromium (bash .ci/run does) or set KTPORTAL_CHROMIUM.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KtPortal.Blazor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find KtPortal.Blazor.sln above the test output.");
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<PortalAppFixture>
{
    public const string Name = "E2E";
}
