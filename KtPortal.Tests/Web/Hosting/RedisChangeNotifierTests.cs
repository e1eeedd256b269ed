using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using StackExchange.Redis;

namespace KtPortal.Tests.Web.Hosting;

/// <summary>
/// Live updates across two instances through a real redis-server: a change made on one reaches the pages open on the
/// other, scoped by client as on one instance; an outage never fails a write, and when Redis comes back every open page
/// re-reads what it may have missed.
/// </summary>
public sealed class RedisChangeNotifierTests : IAsyncLifetime
{
    private static readonly Actor Staff = new("staff-1", PortalRoles.Staff, null);
    private static readonly Actor AcmeUser = new("alice", PortalRoles.ClientAdmin, 1);
    private static readonly Actor BirchUser = new("bob", PortalRoles.ClientAdmin, 2);

    private readonly string _prefix = "kt-" + Guid.NewGuid().ToString("N")[..8];
    private RedisProcess _redis = null!;
    private RedisInstance _a = null!;
    private RedisInstance _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync();
        _a = await RedisInstance.StartAsync(_redis, _prefix);
        _b = await RedisInstance.StartAsync(_redis, _prefix);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task ShouldHandAChangeToPagesOnTheOtherInstance_ScopedByClient_AndOnceOnItsOwn()
    {
        var staffOnA = _a.OpenPage(Staff);
        var staffOnB = _b.OpenPage(Staff);
        var acmeOnB = _b.OpenPage(AcmeUser);
        var birchOnB = _b.OpenPage(BirchUser);
        var change = new PortalChange(PortalChange.Topics.Ticket, "KT-1042", 1);

        await _a.Notifier.PublishAsync(change);

        await Eventually.TrueAsync(() => staffOnB.Contains(change) && acmeOnB.Contains(change), "both pages on B that may see it get it");
        // A marker sent after the change: once B has it, anything the change would have caused on B has arrived too.
        var marker = new PortalChange(PortalChange.Topics.Ticket, "KT-1043", 2);
        await _a.Notifier.PublishAsync(marker);
        await Eventually.TrueAsync(() => birchOnB.Contains(marker) && staffOnA.Contains(marker) && staffOnB.Contains(marker),
            "every staff page and Birch's page get the marker (each page's changes come in order)");
        birchOnB.Should().NotContain(change, "a client's page never hears of another client's tickets");
        staffOnA.Where(c => c == change).Should().ContainSingle("an instance does not hand its own change back to its pages");
        staffOnB.Where(c => c == change).Should().ContainSingle();
    }

    [Fact]
    public async Task ShouldKeepWritingWhileRedisIsDown_AndResyncEveryPageWhenItIsBack()
    {
        var staffOnA = _a.OpenPage(Staff);
        var birchOnB = _b.OpenPage(BirchUser);

        await _redis.KillAsync();
        await Eventually.TrueAsync(() => !_a.Link.IsConnected && !_b.Link.IsConnected, "both instances notice the outage");
        var duringOutage = new PortalChange(PortalChange.Topics.Ticket, "KT-2001", 2);
        await _a.Notifier.PublishAsync(duringOutage);
        await Eventually.TrueAsync(() => staffOnA.Contains(duringOutage), "pages on the writing instance are told, Redis or not");
        birchOnB.Should().NotContain(duringOutage, "pub/sub is at most once: what was published during the outage is gone");

        await _redis.StartAgainAsync();

        await Eventually.TrueAsync(() => birchOnB.Any(c => c.IsResync), "a client's page on B re-reads once Redis is back", 20_000);
        await Eventually.TrueAsync(() => staffOnA.Any(c => c.IsResync), "and so does the page on A", 20_000);
        var afterwards = new PortalChange(PortalChange.Topics.Ticket, "KT-2002", 2);
        await Eventually.TrueAsync(() =>
        {
            _a.Notifier.PublishAsync(afterwards).GetAwaiter().GetResult();
            return birchOnB.Contains(afterwards);
        }, "changes flow between the instances again", 20_000);
    }

    [Fact]
    public async Task ShouldIgnoreAnUnreadableMessageOnTheChannel_AndGoOnDelivering()
    {
        var staffOnB = _b.OpenPage(Staff);
        await _a.Link.Connection.GetSubscriber().PublishAsync(RedisChannel.Literal($"{_prefix}:changes"), "{not json");
        await _a.Link.Connection.GetSubscriber().PublishAsync(RedisChannel.Literal($"{_prefix}:changes"), """{"Origin":"x","Topic":"","EntityId":null}""");
        var change = new PortalChange(PortalChange.Topics.Usage, "KT-3001", 1);

        await _a.Notifier.PublishAsync(change);

        await Eventually.TrueAsync(() => staffOnB.Contains(change), "a good change after bad messages still arrives");
        staffOnB.Should().Equal(change);
    }
}
