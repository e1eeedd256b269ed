using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.TimeTracking;

/// <summary>
/// Keeps each time entry's derived columns true for every writer (services, timer, seeders) in the same transaction as
/// the change: <see cref="TimeEntry.ChargedMinutes"/> (rule 1) and the ticket's <see cref="TimeEntry.ClientId"/> and
/// <see cref="TimeEntry.SupportTypeId"/>. A save that adds, deletes or changes what rule 1 reads of an entry, or changes a
/// ticket's support type, rewrites every entry of the tickets concerned once the new rows have their ids (the last
/// tie-break of the billing order). An edit can move charge between entries: shortening the first entry of a ticket
/// can make a later one carry part of the minimum.
/// </summary>
public sealed class TimeEntryKeeper : DerivedDataKeeper<HashSet<int>>
{
    private static readonly string[] RuleInputs =
        [nameof(TimeEntry.TicketId), nameof(TimeEntry.WorkDate), nameof(TimeEntry.CreatedAtUtc), nameof(TimeEntry.Minutes), nameof(TimeEntry.Billable)];

    private const int TicketsPerQuery = 500;

    /// <summary>
    /// The tickets whose entries read differently after this save: an entry added, deleted, or with changed rule-1
    /// inputs (old and new ticket), or the ticket's support type changed.
    /// </summary>
    protected override HashSet<int>? Inspect(DbContext context)
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

        return tickets.Count > 0 ? tickets : null;
    }

    protected override async Task ApplyAsync(DbContext context, HashSet<int> work, CancellationToken cancellationToken)
    {
        foreach (var chunk in work.Chunk(TicketsPerQuery))
        {
            var entries = await context.Set<TimeEntry>().Where(e => chunk.Contains(e.TicketId)).ToListAsync(cancellationToken);
            var tickets = await context.Set<Ticket>().AsNoTracking().Where(t => chunk.Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, t => (t.ClientId, t.SupportTypeId), cancellationToken);
            var charges = OneHourMinimum.Charges(entries.Select(e => new OneHourMinimum.Entry(e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable)));
            foreach (var entry in entries)
            {
                // Change tracking compares with what was read, so an entry whose values stay the same is not written again.
                (entry.ClientId, entry.SupportTypeId) = tickets[entry.TicketId];
                entry.ChargedMinutes = charges[entry.Id];
            }
        }
    }
}
