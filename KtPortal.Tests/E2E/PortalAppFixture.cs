using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
    private readonly StringBuilder _output = new();
    private Process? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Where the app's pickup-folder sender writes its .eml files (no SendGrid key is set).</summary>
    public string PickupDirectory => _databasePath + "-mail";

    public IBrowser Browser { get; private set; } = null!;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where screenshots go: TestResults/e2e under the repository root (CI keeps it as an artifact).</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot, "TestResults", "e2e")).FullName;

    /// <summary>What the portal printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        // Live updates cross a browser, the portal and back while the rest of the suite keeps both cores busy: expectations
        // wait up to 10 s (Playwright's default is 5). A change that never shows still fails, with the page as it was.
        Assertions.SetDefaultExpectTimeout(10_000);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _app = StartPortal(port);
        // First start migrates, seeds five months of demo billing and sets up service levels, while the rest of the suite
        // keeps both cores busy: once (CI, 2 cores) that took longer than 90 s.
        await WaitForBannerAsync(_app, TimeSpan.FromSeconds(180));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }

        _app?.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }

        if (Directory.Exists(_databasePath + "-files"))
        {
            Directory.Delete(_databasePath + "-files", recursive: true);
        }
    }

    private Process StartPortal(int port)
    {
        var webProject = Path.Combine(RepositoryRoot, "KtPortal.Web");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(webProject, "bin", configuration, "net10.0", "KtPortal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The portal is not built at {dll}: build the solution before the E2E tests.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(webProject);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__KtPortal"] = $"Data Source={_databasePath}";
        start.Environment["KtPortal__Attachments__Path"] = _databasePath + "-files";
        start.Environment["KtPortal__Security__SignInAttemptsPerMinute"] = "1000";
        // The service-level tests move the portal's clock; alerts run when they do, not on a timer in the middle of
        // another test that counts its bell.
        start.Environment["KtPortal__Testing__ClockControl"] = "true";
        start.Environment["KtPortal__ServiceLevels__AlertInterval"] = "1.00:00:00";
        start.Environment["KtPortal__Security__SignInAttemptsPerAccount"] = "1000";
        start.Environment["KtPortal__Email__PickupDirectory"] = PickupDirectory;
        // Mail in seconds, not half a minute: tests read what the outbox sends (production sends every 30 s).
        start.Environment["KtPortal__Email__SendInterval"] = "00:00:02";
        // The password reset test asks twice for one account (the second time to put the demo password back).
        start.Environment["KtPortal__Accounts__PasswordResetPause"] = "00:00:01";
        // Short, so the deactivation test sees a circuit signed out quickly; production uses 30 s.
        start.Environment["KtPortal__Security__CircuitRevalidationInterval"] = "00:00:02";
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
    }

    private async Task WaitForBannerAsync(Process app, TimeSpan timeout)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.OutputDataReceived += (_, e) => Record(e.Data, ready);
        app.ErrorDataReceived += (_, e) => Record(e.Data, null);
        app.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The portal exited early:\n{Output}"));
        app.EnableRaisingEvents = true;
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        if (app.HasExited)
        {
            throw new InvalidOperationException($"The portal exited early:\n{Output}");
        }

        try
        {
            await ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The portal did not start within {timeout}:\n{Output}");
        }
    }

    private void Record(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("KT-Portal is running at", StringComparison.Ordinal))
        {
            ready?.TrySetResult();
        }
    }

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("KTPORTAL_CHROMIUM");
        var path = string.IsNullOrWhiteSpace(configured) ? "/usr/bin/chromium" : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"No Chromium at {path}: install Debian's chromium (bash .ci/run does) or set KTPORTAL_CHROMIUM.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
