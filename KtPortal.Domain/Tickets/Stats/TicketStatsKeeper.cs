using System.Runtime.CompilerServices;
using KtPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace KtPortal.Domain.Tickets.Stats;

/// <summary>
/// Keeps the tickets report's derived data true for every writer of tickets, in the transaction of the change: each
/// ticket's <see cref="Ticket.FirstResponseMinutes"/> and <see cref="Ticket.ResolutionMinutes"/> are set as it is saved,
/// and every portal-local day whose <see cref="TicketDayStat"/> rows the save changes (the day raised, the day resolved,
/// before and after) is counted again from its tickets once the save has gone through. A day holds few tickets, so
/// recounting it is cheap and cannot drift the way adding and subtracting could.
/// </summary>
public sealed class TicketStatsKeeper(AgencySettingsStore settingsStore) : SaveChangesInterceptor
{
    private static readonly string[] Inputs =
        [nameof(Ticket.CreatedAtUtc), nameof(Ticket.FirstResponseAtUtc), nameof(Ticket.ResolvedAtUtc), nameof(Ticket.Status), nameof(Ticket.Priority), nameof(Ticket.Type)];

    private static readonly AsyncLocal<bool> IsSuspended = new();

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    /// <summary>
    /// For bulk loads (the bench seeder): days are not recounted while the returned scope is open; the caller runs
    /// <see cref="TicketStatsRebuild"/> afterwards. Minutes are still set on each ticket.
    /// </summary>
    public static IDisposable Suspend()
    {
        IsSuspended.Value = true;
        return new Resume();
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Prepare(context) is { Count: > 0 } days)
        {
            _pending.AddOrUpdate(context, new Pending(days, context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Prepare(context) is { Count: > 0 } days)
        {
            var owned = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            _pending.AddOrUpdate(context, new Pending(days, owned));
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            await using (pending.Owned)
            {
                var settings = settingsStore.Portal;
                foreach (var (measure, day) in pending.Days)
                {
                    await TicketStatsRebuild.RecountDayAsync(context, settings, measure, day, cancellationToken);
                }

                await context.SaveChangesAsync(cancellationToken);
                if (pending.Owned is not null)
                {
                    await pending.Owned.CommitAsync(cancellationToken);
                }
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Sets the minutes on each ticket being saved and returns the days to recount (none while suspended).</summary>
    private HashSet<(TicketTimeMeasure, DateOnly)> Prepare(DbContext context)
    {
        var days = new HashSet<(TicketTimeMeasure, DateOnly)>();
        var settings = settingsStore.Portal;
        context.ChangeTracker.DetectChanges();
        foreach (var entry in context.ChangeTracker.Entries<Ticket>().ToList())
        {
            if (entry.State == EntityState.Modified && !Inputs.Any(name => entry.Property(name).IsModified))
            {
                continue;
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var ticket = entry.Entity;
                entry.Property(t => t.FirstResponseMinutes).CurrentValue = ticket.FirstResponseAtUtc is { } answered
                    ? TicketTimeBands.Minutes(ticket.CreatedAtUtc, answered) : null;
                entry.Property(t => t.ResolutionMinutes).CurrentValue = ticket.ResolvedAtUtc is { } resolved && IsResolved(ticket.Status)
                    ? TicketTimeBands.Minutes(ticket.CreatedAtUtc, resolved) : null;
                AddDays(days, settings, ticket.CreatedAtUtc, ticket.ResolutionMinutes is null ? null : ticket.ResolvedAtUtc);
            }

            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                AddDays(days, settings, Original<DateTime>(entry, nameof(Ticket.CreatedAtUtc)),
                    IsResolved(Original<TicketStatus>(entry, nameof(Ticket.Status))) ? Original<DateTime?>(entry, nameof(Ticket.ResolvedAtUtc)) : null);
            }
        }

        return IsSuspended.Value ? [] : days;
    }

    internal static bool IsResolved(TicketStatus status) => status is TicketStatus.Resolved or TicketStatus.Closed;

    private static T Original<T>(EntityEntry<Ticket> entry, string property) => (T)entry.Property(property).OriginalValue!;

    private static void AddDays(HashSet<(TicketTimeMeasure, DateOnly)> days, PortalSettings settings, DateTime created, DateTime? resolved)
    {
        days.Add((TicketTimeMeasure.Response, settings.LocalDate(new DateTimeOffset(created, TimeSpan.Zero))));
        if (resolved is { } at)
        {
            days.Add((TicketTimeMeasure.Resolution, settings.LocalDate(new DateTimeOffset(at, TimeSpan.Zero))));
        }
    }

    private void Abandon(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            pending.Owned?.Dispose();
        }
    }

    private sealed record Pending(HashSet<(TicketTimeMeasure Measure, DateOnly Day)> Days, IDbContextTransaction? Owned);

    private sealed class Resume : IDisposable
    {
        public void Dispose() => IsSuspended.Value = false;
    }
}
