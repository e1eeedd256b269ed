namespace KtPortal.Domain.Common;

/// <summary>
/// Carries <see cref="PortalChange"/>s from the services (after they commit) to open circuits.
/// The in-process implementation serves one instance; a backplane (Redis, Azure SignalR) can
/// implement this interface when the portal runs on several.
/// </summary>
public interface IChangeNotifier
{
    /// <summary>
    /// Subscribes <paramref name="handler"/> to the changes <paramref name="actor"/> may know about:
    /// staff get every change, client users only their own client's. Dispose to unsubscribe.
    /// </summary>
    IDisposable Subscribe(Actor actor, Func<PortalChange, Task> handler);

    Task PublishAsync(PortalChange change);
}

public static class ChangeNotifierExtensions
{
    /// <summary>Publishes each change in order (the bell changes a service collected while writing).</summary>
    public static async Task PublishAllAsync(this IChangeNotifier notifier, IEnumerable<PortalChange> changes)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            await notifier.PublishAsync(change);
        }
    }
}
