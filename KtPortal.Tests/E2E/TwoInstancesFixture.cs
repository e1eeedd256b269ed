using KtPortal.Tests.TestSupport;
using Microsoft.Playwright;

namespace KtPortal.Tests.E2E;

/// <summary>
/// The portal as a multi-instance deployment runs it, on this machine: a real redis-server, two portal processes on one
/// database (the first migrates and seeds, then the second starts), and a sticky balancer in front. Each instance
/// believes the balancer's forwarded headers (it is the configured proxy).
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"ktportal-two-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public Dictionary<string, PortalProcess> Instances { get; } = [];

    /// <summary>The Redis both instances share; a test may kill it and start it again.</summary>
    public RedisProcess Redis { get; private set; } = null!;

    public StickyBalancer Balancer { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string Output => string.Join("\n", Instances.Select(i => $"--- instance {i.Key} ---\n{i.Value.Output}"));

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(10_000);
        Redis = await RedisProcess.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["KtPortal__Scale__Redis"] = Redis.Configuration,
            ["KtPortal__Proxy__KnownProxies__0"] = "127.0.0.1",
            ["KtPortal__Security__SignInAttemptsPerMinute"] = "1000",
            ["KtPortal__Security__SignInAttemptsPerAccount"] = "1000",
            ["KtPortal__Email__PickupDirectory"] = _databasePath + "-mail",
        };
        Instances["a"] = await PortalProcess.StartAsync(_databasePath, settings, TimeSpan.FromSeconds(180));
        Instances["b"] = await PortalProcess.StartAsync(_databasePath, settings, TimeSpan.FromSeconds(180));
        Balancer = await StickyBalancer.StartAsync(Instances.ToDictionary(i => i.Key, i => i.Value.BaseUrl));
        _playwright = await Playwright.CreateAsync();
        Browser = await PortalAppFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A fresh browser (its own cookies) through the balancer, landed on <paramref name="instance"/>: the
    /// balancer takes turns for newcomers, so a browser that lands elsewhere is closed and another one tries.</summary>
    public async Task<IPage> NewPageOnAsync(string instance)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Balancer.BaseUrl });
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync("/Account/Login");
            if (response is not null && await response.HeaderValueAsync(StickyBalancer.InstanceHeader) == instance)
            {
                return page;
            }

            await context.CloseAsync();
        }

        throw new InvalidOperationException($"No browser landed on instance {instance} in six tries.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Balancer is not null)
        {
            await Balancer.DisposeAsync();
        }

        foreach (var instance in Instances.Values)
        {
            await instance.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoInstancesCollection : ICollectionFixture<TwoInstancesFixture>
{
    public const string Name = "Two instances";
}
