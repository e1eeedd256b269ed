using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets.Stats;

/// <summary>
/// Counts <see cref="TicketDayStat"/> rows from the tickets themselves: one day at a time as tickets change
/// (<see cref="TicketStatsKeeper"/>), or all of them where nothing was kept yet (after the migration that added them, a
/// bulk load) or the days moved (a new portal time zone).
/// </summary>
public static class TicketStatsRebuild
{
    private const int InsertBatch = 5000;

    /// <summary>Rebuilds every row when there are tickets but no rows yet (a database from before the summary existed).</summary>
    public static async Task EnsureBuiltAsync(KtPortalDbContext db, PortalSettings settings, CancellationToken cancellationToken = default)
    {
        if (!await db.TicketDayStats.AnyAsync(cancellationToken) && await db.Tickets.AnyAsync(cancellationToken))
        {
            await RebuildAsync(db, settings, cancellationToken);
        }
    }

    /// <summary>Every row again, counted from every ticket in one pass, in one transaction.</summary>
    public static async Task RebuildAsync(KtPortalDbContext db, PortalSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var counts = new Dictionary<(DateOnly, TicketTimeMeasure, TicketPriority, TicketType, int), int>();
        void Count(DateTime at, TicketTimeMeasure measure, TicketPriority priority, TicketType type, int? minutes)
        {
            var key = (settings.LocalDate(new DateTimeOffset(at, TimeSpan.Zero)), measure, priority, type, TicketTimeBands.Of(minutes));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var tickets = db.Tickets.AsNoTracking()
            .Select(t => new { t.CreatedAtUtc, t.Priority, t.Type, t.FirstResponseMinutes, t.ResolvedAtUtc, t.ResolutionMinutes })
            .AsAsyncEnumerable();
        await foreach (var t in tickets.WithCancellation(cancellationToken))
        {
            Count(t.CreatedAtUtc, TicketTimeMeasure.Response, t.Priority, t.Type, t.FirstResponseMinutes);
            if (t.ResolutionMinutes is not null && t.ResolvedAtUtc is { } resolved)
            {
                Count(resolved, TicketTimeMeasure.Resolution, t.Priority, t.Type, t.ResolutionMinutes);
            }
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.TicketDayStats.ExecuteDeleteAsync(cancellationToken);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in counts.Chunk(InsertBatch))
            {
                db.TicketDayStats.AddRange(chunk.Select(c => Row(c.Key, c.Value)));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Replaces one day's rows of one measure with a count of that day's tickets (raised on it, or resolved on it and
    /// still resolved), leaving the new rows to the caller's save.
    /// </summary>
    internal static async Task RecountDayAsync(DbContext db, PortalSettings settings, TicketTimeMeasure measure, DateOnly day, CancellationToken cancellationToken)
    {
        var (start, end) = (settings.StartOfDayUtc(day), settings.StartOfDayUtc(day.AddDays(1)));
        var tickets = db.Set<Ticket>().AsNoTracking();
        var times = measure == TicketTimeMeasure.Response
            ? tickets.Where(t => t.CreatedAtUtc >= start && t.CreatedAtUtc < end).Select(t => new { t.Priority, t.Type, Minutes = t.FirstResponseMinutes })
            : tickets.Where(t => t.ResolvedAtUtc >= start && t.ResolvedAtUtc < end && t.ResolutionMinutes != null)
                .Select(t => new { t.Priority, t.Type, Minutes = t.ResolutionMinutes });
        var rows = (await times.ToListAsync(cancellationToken))
            .CountBy(t => (day, measure, t.Priority, t.Type, TicketTimeBands.Of(t.Minutes)))
            .Select(c => Row(c.Key, c.Value));
        await db.Set<TicketDayStat>().Where(s => s.Day == day && s.Measure == measure).ExecuteDeleteAsync(cancellationToken);
        // A context that saved before (a seeder's) still tracks the rows it wrote then; they are gone now.
        foreach (var stale in db.ChangeTracker.Entries<TicketDayStat>().Where(e => e.Entity.Day == day && e.Entity.Measure == measure).ToList())
        {
            stale.State = EntityState.Detached;
        }

        db.Set<TicketDayStat>().AddRange(rows);
    }

    private static TicketDayStat Row((DateOnly Day, TicketTimeMeasure Measure, TicketPriority Priority, TicketType Type, int Band) key, int count) =>
        new() { Day = key.Day, Measure = key.Measure, Priority = key.Priority, Type = key.Type, Band = key.Band, Count = count };
}
