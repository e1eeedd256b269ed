using Microsoft.Extensions.Logging;

namespace KtPortal.Domain.Common;

/// <summary>Singleton notifier for a single portal instance.</summary>
public sealed partial class InProcessChangeNotifier(ILogger<InProcessChangeNotifier> logger) : IChangeNotifier
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];

    public IDisposable Subscribe(Actor actor, Func<PortalChange, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, actor, handler);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public async Task PublishAsync(PortalChange change)
    {
        ArgumentNullException.ThrowIfNull(change);

        // Snapshot under the lock, invoke outside it: a handler may subscribe or dispose.
        Subscription[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _subscriptions];
        }

        // One subscriber after another. Handing the change to all at once was tried and measured (bench live-server,
        // 100 open pages): no faster (p95 150 ms against 113 and 134 ms this way) and more CPU (0.44 against 0.34-0.40
        // cores: 100 concurrent reads compete for two cores); this way also keeps each page's changes in publish order.
        foreach (var subscription in snapshot)
        {
            if (!subscription.Actor.IsStaff && subscription.Actor.ClientId != change.ClientId)
            {
                continue;
            }

            try
            {
                await subscription.Handler(change).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One failing subscriber must never break the publisher or the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(logger, ex, change.Topic, change.EntityId);
            }
        }
    }

    internal int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change subscriber failed for {Topic} {EntityId}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception ex, string topic, string entityId);

    private sealed class Subscription(InProcessChangeNotifier owner, Actor actor, Func<PortalChange, Task> handler) : IDisposable
    {
        public Actor Actor { get; } = actor;

        public Func<PortalChange, Task> Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}
