using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace KtPortal.Domain.Tickets.Stats;

/// <summary>
/// Keeps the tickets report's derived data true for every writer of tickets, in the transaction of the change: each
/// ticket's <see cref="Ticket.FirstResponseMinutes"/> and <see cref="Ticket.ResolutionMinutes"/> are set as it is saved,
/// and every portal-local day whose <see cref="TicketDayStat"/> rows the save changes (the day raised, the day resolved,
/// before and after) is counted again from its tickets once the save has gone through. A day holds few tickets, so
/// recounting it is cheap and cannot drift the way adding and subtracting could.
/// </summary>
public sealed class TicketStatsKeeper(AgencySettingsStore settingsStore) : DerivedDataKeeper<HashSet<(TicketTimeMeasure Measure, DateOnly Day)>>
{
    private static readonly string[] Inputs =
        [nameof(Ticket.CreatedAtUtc), nameof(Ticket.FirstResponseAtUtc), nameof(Ticket.ResolvedAtUtc), nameof(Ticket.Status), nameof(Ticket.Priority), nameof(Ticket.Type)];

    private static readonly AsyncLocal<bool> IsSuspended = new();

    /// <summary>
    /// For bulk loads (the bench seeder): days are not recounted while the returned scope is open; the caller runs
    /// <see cref="TicketStatsRebuild"/> afterwards. Minutes are still set on each ticket.
    /// </summary>
    public static IDisposable Suspend()
    {
        IsSuspended.Value = true;
        return new Resume();
    }

    protected override HashSet<(TicketTimeMeasure Measure, DateOnly Day)>? Inspect(DbContext context) => Prepare(context) is { Count: > 0 } days ? days : null;

    protected override async Task ApplyAsync(DbContext context, HashSet<(TicketTimeMeasure Measure, DateOnly Day)> work, CancellationToken cancellationToken)
    {
        var settings = settingsStore.Portal;
        foreach (var (measure, day) in work)
        {
            await TicketStatsRebuild.RecountDayAsync(context, settings, measure, day, cancellationToken);
        }
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

    private sealed class Resume : IDisposable
    {
        public void Dispose() => IsSuspended.Value = false;
    }
}
