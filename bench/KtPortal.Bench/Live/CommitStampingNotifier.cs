using System.Collections.Concurrent;
using KtPortal.Domain.Common;

namespace KtPortal.Bench.Live;

/// <summary>
/// The portal's own notifier, with the wall-clock time of each publish recorded first. Services publish right after
/// their commit, so this is the server's commit stamp of the change (Unix milliseconds, the clock the pages read too).
/// </summary>
internal sealed class CommitStampingNotifier(IChangeNotifier inner) : IChangeNotifier
{
    public ConcurrentDictionary<string, double> TicketStamps { get; } = new(StringComparer.Ordinal);

    public IDisposable Subscribe(Actor actor, Func<PortalChange, Task> handler) => inner.Subscribe(actor, handler);

    public Task PublishAsync(PortalChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Topic == PortalChange.Topics.Ticket)
        {
            TicketStamps.TryAdd(change.EntityId, (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds);
        }

        return inner.PublishAsync(change);
    }
}
