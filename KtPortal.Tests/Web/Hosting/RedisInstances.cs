using KtPortal.Tests.TestSupport;
using System.Collections.Concurrent;
using KtPortal.Domain.Common;
using KtPortal.Web.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KtPortal.Tests.Web.Hosting;

/// <summary>One portal instance's share of the scale-out wiring, as the composition root builds it: its own Redis link,
/// its own in-process fan-out, and the relay between them.</summary>
internal sealed class RedisInstance : IAsyncDisposable
{
    private RedisInstance(RedisLink link, RedisChangeNotifier notifier)
    {
        Link = link;
        Notifier = notifier;
    }

    public RedisLink Link { get; }

    public RedisChangeNotifier Notifier { get; }

    public static async Task<RedisInstance> StartAsync(RedisProcess redis, string prefix)
    {
        var link = new RedisLink(Options.Create(new ScaleOptions { Redis = redis.Configuration, RedisPrefix = prefix }), NullLogger<RedisLink>.Instance);
        var notifier = new RedisChangeNotifier(new InProcessChangeNotifier(NullLogger<InProcessChangeNotifier>.Instance), link,
            NullLogger<RedisChangeNotifier>.Instance);
        await notifier.StartAsync(CancellationToken.None);
        return new RedisInstance(link, notifier);
    }

    /// <summary>An open page: records every change it is handed.</summary>
    public ConcurrentQueue<PortalChange> OpenPage(Actor actor)
    {
        var seen = new ConcurrentQueue<PortalChange>();
        Notifier.Subscribe(actor, change =>
        {
            seen.Enqueue(change);
            return Task.CompletedTask;
        });
        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        await Notifier.StopAsync(CancellationToken.None);
        Link.Dispose();
    }
}

/// <summary>A real redis-server and two instances sharing it under a prefix of this test's own.</summary>
public abstract class TwoRedisInstancesTest : IAsyncLifetime
{
    protected string Prefix { get; } = "kt-" + Guid.NewGuid().ToString("N")[..8];

    internal RedisProcess Redis { get; private set; } = null!;

    internal RedisInstance A { get; private set; } = null!;

    internal RedisInstance B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisProcess.StartAsync();
        A = await RedisInstance.StartAsync(Redis, Prefix);
        B = await RedisInstance.StartAsync(Redis, Prefix);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
