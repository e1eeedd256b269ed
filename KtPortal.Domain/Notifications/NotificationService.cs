using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Notifications;

/// <summary>A notification as the bell lists it.</summary>
public sealed record NotificationView(long Id, string Title, string Body, string Link, DateTime CreatedAtUtc, bool IsRead);

/// <summary>The signed-in user's own in-app notifications: list, count unread, mark read.</summary>
public sealed class NotificationService(IDbContextFactory<KtPortalDbContext> contextFactory, IChangeNotifier notifier, TimeProvider clock)
{
    public const int ListSize = 20;

    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAtUtc == null, cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == actor.UserId)
            .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Take(ListSize)
            .Select(n => new NotificationView(n.Id, n.Title, n.Body, n.Link, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Marks one of the actor's notifications read, or all of them when <paramref name="id"/> is null.</summary>
    public async Task MarkReadAsync(Actor actor, long? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Notifications
            .Where(n => n.UserId == actor.UserId && n.ReadAtUtc == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
        if (changed > 0)
        {
            await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Notification, actor.UserId, actor.ClientId));
        }
    }
}
