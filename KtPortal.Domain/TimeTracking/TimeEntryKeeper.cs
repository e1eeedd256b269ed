using System.Runtime.CompilerServices;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace KtPortal.Domain.TimeTracking;

/// <summary>
/// Keeps each time entry's derived columns true for every writer (services, timer, seeders) in the same transaction as
/// the change: <see cref="TimeEntry.ChargedMinutes"/> (rule 1) and the ticket's <see cref="TimeEntry.ClientId"/> and
/// <see cref="TimeEntry.SupportTypeId"/>. A save that adds, deletes or changes what rule 1 reads of an entry, or changes a
/// ticket's support type, rewrites every entry of the tickets concerned once the new rows have their ids (the last
/// tie-break of the billing order), then commits both together. An edit can move charge between entries: shortening
/// the first entry of a ticket can make a later one carry part of the minimum.
/// </summary>
public sealed class TimeEntryKeeper : SaveChangesInterceptor
{
    private static readonly string[] RuleInputs =
        [nameof(TimeEntry.TicketId), nameof(TimeEntry.WorkDate), nameof(TimeEntry.CreatedAtUtc), nameof(TimeEntry.Minutes), nameof(TimeEntry.Billable)];

    private const int TicketsPerQuery = 500;

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && TicketsToRecharge(context) is { Count: > 0 } tickets)
        {
            _pending.AddOrUpdate(context, new Pending(tickets, context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && TicketsToRecharge(context) is { Count: > 0 } tickets)
        {
            var owned = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            _pending.AddOrUpdate(context, new Pending(tickets, owned));
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            using (pending.Owned)
            {
                foreach (var chunk in pending.Tickets.Chunk(TicketsPerQuery))
                {
                    Rewrite(context.Set<TimeEntry>().Where(e => chunk.Contains(e.TicketId)).ToList(), Tickets(context, chunk).ToList());
                }

                context.SaveChanges();
                pending.Owned?.Commit();
            }
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
                foreach (var chunk in pending.Tickets.Chunk(TicketsPerQuery))
                {
                    Rewrite(
                        await context.Set<TimeEntry>().Where(e => chunk.Contains(e.TicketId)).ToListAsync(cancellationToken),
                        await Tickets(context, chunk).ToListAsync(cancellationToken));
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

    /// <summary>
    /// The tickets whose entries read differently after this save: an entry added, deleted, or with changed rule-1
    /// inputs (old and new ticket), or the ticket's support type changed.
    /// </summary>
    private static HashSet<int> TicketsToRecharge(DbContext context)
    {
        var tickets = new HashSet<int>();
        context.ChangeTracker.DetectChanges();
        foreach (var entry in context.ChangeTracker.Entries<TimeEntry>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    tickets.Add(entry.Entity.TicketId);
                    break;
                case EntityState.Deleted:
                    tickets.Add(entry.Property(e => e.TicketId).OriginalValue);
                    break;
                case EntityState.Modified when RuleInputs.Any(name => entry.Property(name).IsModified):
                    tickets.Add(entry.Property(e => e.TicketId).OriginalValue);
                    tickets.Add(entry.Entity.TicketId);
                    break;
            }
        }

        foreach (var ticket in context.ChangeTracker.Entries<Ticket>())
        {
            if (ticket.State == EntityState.Modified && ticket.Property(t => t.SupportTypeId).IsModified)
            {
                tickets.Add(ticket.Entity.Id);
            }
        }

        return tickets;
    }

    private static IQueryable<TicketFacts> Tickets(DbContext context, int[] ids) =>
        context.Set<Ticket>().AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new TicketFacts(t.Id, t.ClientId, t.SupportTypeId));

    private static void Rewrite(List<TimeEntry> entries, List<TicketFacts> tickets)
    {
        var charges = OneHourMinimum.Charges(entries.Select(e => new OneHourMinimum.Entry(e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable)));
        var facts = tickets.ToDictionary(t => t.Id);
        foreach (var entry in entries)
        {
            // Change tracking compares with what was read, so an entry whose values stay the same is not written again.
            var ticket = facts[entry.TicketId];
            (entry.ChargedMinutes, entry.ClientId, entry.SupportTypeId) = (charges[entry.Id], ticket.ClientId, ticket.SupportTypeId);
        }
    }

    private sealed record TicketFacts(int Id, int ClientId, int SupportTypeId);

    /// <summary>A failed or cancelled save leaves nothing behind: the transaction this keeper opened rolls back when disposed.</summary>
    private void Abandon(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            pending.Owned?.Dispose();
        }
    }

    private sealed record Pending(HashSet<int> Tickets, IDbContextTransaction? Owned);
}
