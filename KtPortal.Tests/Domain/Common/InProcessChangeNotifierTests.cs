using System.Collections.Concurrent;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace KtPortal.Tests.Domain.Common;

public sealed class InProcessChangeNotifierTests
{
    private readonly InProcessChangeNotifier _notifier = new(NullLogger<InProcessChangeNotifier>.Instance);
    private static readonly Actor Staff = new("s", PortalRoles.Staff, null);
    private static readonly Actor AcmeUser = new("a", PortalRoles.ClientUser, 1);

    [Fact]
    public async Task ShouldDeliverOnlyTheirOwnClientsChanges_InOrder_WhenAClientUserSubscribes()
    {
        var staffSeen = new ConcurrentQueue<PortalChange>();
        var clientSeen = new ConcurrentQueue<PortalChange>();
        using var s1 = _notifier.Subscribe(Staff, c => { staffSeen.Enqueue(c); return Task.CompletedTask; });
        using var s2 = _notifier.Subscribe(AcmeUser, c => { clientSeen.Enqueue(c); return Task.CompletedTask; });

        await _notifier.PublishAsync(new PortalChange("ticket", "KT-1", 1));
        await _notifier.PublishAsync(new PortalChange("ticket", "KT-2", 2));
        await _notifier.PublishAsync(new PortalChange("client", "9", null));
        await _notifier.PublishAsync(new PortalChange("ticket", "KT-3", 1));

        await Eventually.TrueAsync(() => staffSeen.Count == 4 && clientSeen.Count == 2, "every change reaches its subscribers");
        staffSeen.Select(c => c.EntityId).Should().Equal("KT-1", "KT-2", "9", "KT-3");
        clientSeen.Select(c => c.EntityId).Should().Equal("KT-1", "KT-3");
    }

    [Fact]
    public async Task ShouldReturnAtOnce_WhileASubscriberIsStillBusy()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        using var slow = _notifier.Subscribe(Staff, async _ => { started.TrySetResult(); await release.Task; });

        var publish = _notifier.PublishAsync(new PortalChange("ticket", "KT-1", 1));

        publish.IsCompleted.Should().BeTrue("the writer hands the change over and goes on; it never waits for a page to re-read");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        release.SetResult();
    }

    [Fact]
    public async Task ShouldStillReachTheOthers_AndLaterChanges_WhenOneSubscriberThrows()
    {
        var seen = 0;
        var badCalls = 0;
        using var bad = _notifier.Subscribe(Staff, _ => { Interlocked.Increment(ref badCalls); throw new InvalidOperationException("boom"); });
        using var good = _notifier.Subscribe(Staff, _ => { Interlocked.Increment(ref seen); return Task.CompletedTask; });

        var publish = () => _notifier.PublishAsync(new PortalChange("ticket", "KT-1", 1));

        await publish.Should().NotThrowAsync();
        await _notifier.PublishAsync(new PortalChange("ticket", "KT-2", 1));
        await Eventually.TrueAsync(() => Volatile.Read(ref seen) == 2 && Volatile.Read(ref badCalls) == 2, "both subscribers get both changes");
    }

    [Fact]
    public async Task ShouldKeepTheNewestChanges_WhenASubscriberFallsFarBehind()
    {
        var release = new TaskCompletionSource();
        var seen = new ConcurrentQueue<string>();
        using var slow = _notifier.Subscribe(Staff, async c => { await release.Task; seen.Enqueue(c.EntityId); });

        var total = InProcessChangeNotifier.QueueCapacity * 3;
        for (var i = 1; i <= total; i++)
        {
            await _notifier.PublishAsync(new PortalChange("ticket", $"KT-{i}", 1));
        }

        release.SetResult();
        await Eventually.TrueAsync(() => seen.Contains($"KT-{total}"), "the newest change always arrives");
        seen.Count.Should().BeLessThanOrEqualTo(InProcessChangeNotifier.QueueCapacity + 1, "older changes were dropped, not queued without bound");
        seen.Select(id => int.Parse(id.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder("one subscriber's changes keep their order");
    }

    [Fact]
    public async Task ShouldStopDelivering_WhenTheSubscriptionIsDisposed_EvenFromInsideAHandler()
    {
        var seen = 0;
        IDisposable? self = null;
        self = _notifier.Subscribe(Staff, _ => { Interlocked.Increment(ref seen); self!.Dispose(); return Task.CompletedTask; });

        await _notifier.PublishAsync(new PortalChange("ticket", "KT-1", 1));
        await Eventually.TrueAsync(() => _notifier.SubscriberCount == 0, "the handler disposed its subscription");
        await _notifier.PublishAsync(new PortalChange("ticket", "KT-2", 1));

        Volatile.Read(ref seen).Should().Be(1);
    }
}
