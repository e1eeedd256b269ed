using KtPortal.Domain.Common;
using Microsoft.Extensions.Logging.Abstractions;

namespace KtPortal.Tests.Domain.Common;

public sealed class InProcessChangeNotifierTests
{
    private readonly InProcessChangeNotifier _notifier = new(NullLogger<InProcessChangeNotifier>.Instance);
    private static readonly Actor Staff = new("s", PortalRoles.Staff, null);
    private static readonly Actor AcmeUser = new("a", PortalRoles.ClientUser, 1);

    [Fact]
    public async Task ShouldDeliverOnlyTheirOwnClientsChanges_WhenAClientUserSubscribes()
    {
        var staffSeen = new List<PortalChange>();
        var clientSeen = new List<PortalChange>();
        using var s1 = _notifier.Subscribe(Staff, c => { staffSeen.Add(c); return Task.CompletedTask; });
        using var s2 = _notifier.Subscribe(AcmeUser, c => { clientSeen.Add(c); return Task.CompletedTask; });

        await _notifier.PublishAsync(new PortalChange("ticket", "KT-1", 1));
        await _notifier.PublishAsync(new PortalChange("ticket", "KT-2", 2));
        await _notifier.PublishAsync(new PortalChange("client", "9", null));

        staffSeen.Select(c => c.EntityId).Should().Equal("KT-1", "KT-2", "9");
        clientSeen.Select(c => c.EntityId).Should().Equal("KT-1");
    }

    [Fact]
    public async Task ShouldStillReachTheOthers_WhenOneSubscriberThrows()
    {
        var seen = 0;
        using var bad = _notifier.Subscribe(Staff, _ => throw new InvalidOperationException("boom"));
        using var good = _notifier.Subscribe(Staff, _ => { seen++; return Task.CompletedTask; });

        var publish = () => _notifier.PublishAsync(new PortalChange("ticket", "KT-1", 1));

        await publish.Should().NotThrowAsync();
        seen.Should().Be(1);
    }

    [Fact]
    public async Task ShouldStopDelivering_WhenTheSubscriptionIsDisposed_EvenFromInsideAHandler()
    {
        var seen = 0;
        IDisposable? self = null;
        self = _notifier.Subscribe(Staff, _ => { seen++; self!.Dispose(); return Task.CompletedTask; });

        await _notifier.PublishAsync(new PortalChange("ticket", "KT-1", 1));
        await _notifier.PublishAsync(new PortalChange("ticket", "KT-2", 1));

        seen.Should().Be(1);
        _notifier.SubscriberCount.Should().Be(0);
    }
}
