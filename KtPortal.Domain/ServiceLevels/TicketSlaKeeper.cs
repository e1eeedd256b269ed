using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// Keeps every ticket's service level true for every writer of tickets (portal, e-mail, board moves, undo, jobs), in
/// the transaction of the change: a move into a waiting status opens a pause and a move out closes it, and whenever
/// the status, priority, client, first response or resolution changes, the ticket's stage, due and at-risk instants and
/// met flags are worked out again (<see cref="SlaPlanner"/>).
/// </summary>
public sealed class TicketSlaKeeper(AgencySettingsStore settingsStore, TimeProvider clock) : DerivedDataKeeper<List<TicketSlaKeeper.Change>>
{
    private static readonly string[] Inputs =
        [nameof(Ticket.Status), nameof(Ticket.Priority), nameof(Ticket.ClientId), nameof(Ticket.CreatedAtUtc), nameof(Ticket.FirstResponseAtUtc), nameof(Ticket.ResolvedAtUtc)];

    private static readonly AsyncLocal<bool> IsSuspended = new();

    /// <summary>A ticket this save touched, with its status before (null when new).</summary>
    public sealed record Change(Ticket Ticket, TicketStatus? StatusBefore);

    /// <summary>For bulk loads: nothing is kept while the scope is open; the caller runs <see cref="SlaRebuild"/> afterwards.</summary>
    public static IDisposable Suspend()
    {
        IsSuspended.Value = true;
        return new Resume();
    }

    protected override List<Change>? Inspect(Microsoft.EntityFrameworkCore.DbContext context)
    {
        if (IsSuspended.Value)
        {
            return null;
        }

        context.ChangeTracker.DetectChanges();
        var changes = new List<Change>();
        foreach (var entry in context.ChangeTracker.Entries<Ticket>())
        {
            if (entry.State == EntityState.Added)
            {
                changes.Add(new Change(entry.Entity, null));
            }
            else if (entry.State == EntityState.Modified && Inputs.Any(name => entry.Property(name).IsModified))
            {
                changes.Add(new Change(entry.Entity, (TicketStatus)entry.Property(nameof(Ticket.Status)).OriginalValue!));
            }
        }

        return changes.Count > 0 ? changes : null;
    }

    protected override async Task ApplyAsync(Microsoft.EntityFrameworkCore.DbContext context, List<Change> work, CancellationToken cancellationToken)
    {
        var db = (KtPortalDbContext)context;
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = work.Select(c => c.Ticket.Id).Distinct().ToList();
        var pauses = await db.TicketSlaPauses.Where(p => ids.Contains(p.TicketId)).ToListAsync(cancellationToken);
        foreach (var (ticket, before) in work)
        {
            var waits = SlaPlanner.Pauses(ticket.Status);
            var waited = before is { } status ? SlaPlanner.Pauses(status) : false;
            if (waits && !waited)
            {
                var pause = new TicketSlaPause { TicketId = ticket.Id, FromUtc = before is null ? ticket.CreatedAtUtc : now };
                db.TicketSlaPauses.Add(pause);
                pauses.Add(pause);
            }
            else if (!waits && waited)
            {
                foreach (var open in pauses.Where(p => p.TicketId == ticket.Id && p.ToUtc is null))
                {
                    open.ToUtc = now < open.FromUtc ? open.FromUtc : now;
                }
            }
        }

        var rules = await SlaRules.LoadAsync(db, settingsStore.Portal, [.. work.Select(c => c.Ticket.ClientId).Distinct()], cancellationToken);
        var byTicket = pauses.ToLookup(p => p.TicketId, p => new SlaPause(p.FromUtc, p.ToUtc));
        foreach (var (ticket, _) in work)
        {
            TicketSlaWriter.Apply(ticket, rules, [.. byTicket[ticket.Id]]);
        }
    }

    private sealed class Resume : IDisposable
    {
        public void Dispose() => IsSuspended.Value = false;
    }
}
