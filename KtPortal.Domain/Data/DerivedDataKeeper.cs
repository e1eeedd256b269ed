using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace KtPortal.Domain.Data;

/// <summary>
/// What every keeper of derived data does around a save: it looks at the save before it runs (what it will change),
/// opens a transaction when the caller has none, and once the save has gone through (new rows have their ids) writes
/// the derived rows with a second save and commits both together; a failed or cancelled save rolls back. Registered as
/// an <see cref="IInterceptor"/>, so every context of the portal gets it. When two keepers act on one save, whichever
/// runs first does its second save inside the transaction, and that save carries the other keeper's work along.
/// </summary>
/// <typeparam name="TWork">What a save left to do, from <see cref="Inspect"/>.</typeparam>
public abstract class DerivedDataKeeper<TWork> : SaveChangesInterceptor
    where TWork : class
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    /// <summary>What this save changes that the keeper derives from, or null when nothing.</summary>
    protected abstract TWork? Inspect(DbContext context);

    /// <summary>Puts the derived rows into the context once the save went through; the keeper saves them.</summary>
    protected abstract Task ApplyAsync(DbContext context, TWork work, CancellationToken cancellationToken);

    /// <summary>
    /// The portal saves asynchronously everywhere; a synchronous save of data a keeper derives from is refused before it
    /// writes anything, rather than blocking a thread on the keeper's own queries.
    /// </summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Inspect(context) is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} keeps data derived from this save: save with SaveChangesAsync.");
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Inspect(context) is { } work)
        {
            var owned = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            _pending.AddOrUpdate(context, new Pending(work, owned));
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            await using (pending.Owned)
            {
                await ApplyAsync(context, pending.Work, cancellationToken);
                await context.SaveChangesAsync(cancellationToken);
                if (pending.Owned is not null)
                {
                    await pending.Owned.CommitAsync(cancellationToken);
                }
            }
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>The transaction this keeper opened rolls back as it is disposed.</summary>
    private void Abandon(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            pending.Owned?.Dispose();
        }
    }

    private sealed record Pending(TWork Work, IDbContextTransaction? Owned);
}
