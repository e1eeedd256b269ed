using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace KtPortal.Domain.Common;

/// <summary>
/// Singleton notifier for a single portal instance. Publishing hands the change to each subscriber's own queue and
/// returns: the writer ("Log time", "Move") never waits for open pages to re-read and render. Each subscriber drains its
/// queue in order on its own; a page that falls far behind (more than <see cref="QueueCapacity"/> changes) drops the
/// oldest, because every handler re-reads the current state anyway: the newest state wins.
/// </summary>
public sealed partial class InProcessChangeNotifier(ILogger<InProcessChangeNotifier> logger) : IChangeNotifier
{
    /// <summary>Changes a subscriber may have waiting; far more than one page sees in the time it takes to render.</summary>
    public const int QueueCapacity = 64;

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

        subscription.Start();
        return subscription;
    }

    public Task PublishAsync(PortalChange change)
    {
        ArgumentNullException.ThrowIfNull(change);

        // Snapshot under the lock, hand over outside it: a handler may subscribe or dispose.
        Subscription[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _subscriptions];
        }

        foreach (var subscription in snapshot)
        {
            if (change.IsResync || subscription.Actor.IsStaff || subscription.Actor.ClientId == change.ClientId)
            {
                subscription.Offer(change);
            }
        }

        return Task.CompletedTask;
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

    private void SubscriberFailed(Exception ex, PortalChange change) => LogSubscriberFailed(logger, ex, change.Topic, change.EntityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change subscriber failed for {Topic} {EntityId}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception ex, string topic, string entityId);

    private sealed class Subscription(InProcessChangeNotifier owner, Actor actor, Func<PortalChange, Task> handler) : IDisposable
    {
        private readonly Channel<PortalChange> _queue = Channel.CreateBounded<PortalChange>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });

        private volatile bool _disposed;

        public Actor Actor { get; } = actor;

        public void Start() => _ = Task.Run(PumpAsync);

        public void Offer(PortalChange change)
        {
            if (!_disposed)
            {
                _queue.Writer.TryWrite(change);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _queue.Writer.TryComplete();
            owner.Remove(this);
        }

        /// <summary>One change at a time, in publish order; a failing handler is logged and the next change still comes.</summary>
        private async Task PumpAsync()
        {
            await foreach (var change in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (_disposed)
                {
                    return;
                }

                try
                {
                    await handler(change).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // One failing subscriber must never break the others or its own later changes.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    owner.SubscriberFailed(ex, change);
                }
            }
        }
    }
}
