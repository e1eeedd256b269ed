using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using StackExchange.Redis;

namespace KtPortal.Tests.Web.Hosting;

/// <summary>
/// Live updates across two instances through a real redis-server: a change made on one reaches the pages open on the
/// other, scoped by client as on one instance; an outage never fails a write, and when Redis comes back every open page
/// re-reads what it may have missed.
/// </summary>
public sealed class RedisChangeNotifierTests : TwoRedisInstancesTest
{
    private static readonly Actor Staff = new("staff-1", PortalRoles.Staff, null);
    private static readonly Actor AcmeUser = new("alice", PortalRoles.ClientAdmin, 1);
    private static readonly Actor BirchUser = new("bob", PortalRoles.ClientAdmin, 2);

    [Fact]
    public async Task ShouldHandAChangeToPagesOnTheOtherInstance_ScopedByClient_AndOnceOnItsOwn()
    {
        var staffOnA = A.OpenPage(Staff);
        var staffOnB = B.OpenPage(Staff);
        var acmeOnB = B.OpenPage(AcmeUser);
        var birchOnB = B.OpenPage(BirchUser);
        var change = new PortalChange(PortalChange.Topics.Ticket, "KT-1042", 1);

        await A.Notifier.PublishAsync(change);

        await Eventually.TrueAsync(() => staffOnB.Contains(change) && acmeOnB.Contains(change), "both pages on B that may see it get it");
        // A marker sent after the change: once B has it, anything the change would have caused on B has arrived too.
        var marker = new PortalChange(PortalChange.Topics.Ticket, "KT-1043", 2);
        await A.Notifier.PublishAsync(marker);
        await Eventually.TrueAsync(() => birchOnB.Contains(marker) && staffOnA.Contains(marker) && staffOnB.Contains(marker),
            "every staff page and Birch's page get the marker (each page's changes come in order)");
        birchOnB.Should().NotContain(change, "a client's page never hears of another client's tickets");
        staffOnA.Where(c => c == change).Should().ContainSingle("an instance does not hand its own change back to its pages");
        staffOnB.Where(c => c == change).Should().ContainSingle();
    }

    [Fact]
    public async Task ShouldKeepWritingWhileRedisIsDown_AndResyncEveryPageWhenItIsBack()
    {
        var staffOnA = A.OpenPage(Staff);
        var birchOnB = B.OpenPage(BirchUser);

        await Redis.KillAsync();
        await Eventually.TrueAsync(() => !A.Link.IsConnected && !B.Link.IsConnected, "both instances notice the outage");
        var duringOutage = new PortalChange(PortalChange.Topics.Ticket, "KT-2001", 2);
        await A.Notifier.PublishAsync(duringOutage);
        await Eventually.TrueAsync(() => staffOnA.Contains(duringOutage), "pages on the writing instance are told, Redis or not");
        birchOnB.Should().NotContain(duringOutage, "pub/sub is at most once: what was published during the outage is gone");

        await Redis.StartAgainAsync();

        await Eventually.TrueAsync(() => birchOnB.Any(c => c.IsResync), "a client's page on B re-reads once Redis is back", 20_000);
        await Eventually.TrueAsync(() => staffOnA.Any(c => c.IsResync), "and so does the page on A", 20_000);
        var afterwards = new PortalChange(PortalChange.Topics.Ticket, "KT-2002", 2);
        // The resync says B's subscription is back; A's publishing link may come back a moment later, so A writes
        // again until one of its changes gets through, as later writes would.
        for (var tries = 0; tries < 40 && !birchOnB.Contains(afterwards); tries++)
        {
            await A.Notifier.PublishAsync(afterwards);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!birchOnB.Contains(afterwards) && waited.ElapsedMilliseconds < 500)
            {
                await Task.Delay(10);
            }
        }

        birchOnB.Should().Contain(afterwards, "changes flow between the instances again");
    }

    [Fact]
    public async Task ShouldIgnoreAnUnreadableMessageOnTheChannel_AndGoOnDelivering()
    {
        var staffOnB = B.OpenPage(Staff);
        await A.Link.Connection.GetSubscriber().PublishAsync(RedisChannel.Literal($"{Prefix}:changes"), "{not json");
        await A.Link.Connection.GetSubscriber().PublishAsync(RedisChannel.Literal($"{Prefix}:changes"), """{"Origin":"x","Topic":"","EntityId":null}""");
        var change = new PortalChange(PortalChange.Topics.Usage, "KT-3001", 1);

        await A.Notifier.PublishAsync(change);

        await Eventually.TrueAsync(() => staffOnB.Contains(change), "a good change after bad messages still arrives");
        staffOnB.Should().Equal(change);
    }
}
