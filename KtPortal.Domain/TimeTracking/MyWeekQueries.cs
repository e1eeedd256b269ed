using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.TimeTracking;

/// <summary>My week for staff: only the signed-in person's own entries, and the tickets they are likeliest to log on next.</summary>
public sealed class MyWeekQueries(IDbContextFactory<KtPortalDbContext> contextFactory, ITimeEntryBilling billing)
{
    /// <summary>How far back "where I logged time lately" looks for the quick-add list.</summary>
    public const int RecentDays = 30;

    /// <summary>How many tickets the quick-add list offers.</summary>
    private const int Picks = 50;

    public async Task<MyWeek> GetAsync(Actor actor, DateOnly anyDayOfWeek, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "log time");
        var start = MyWeek.MondayOf(anyDayOfWeek);
        var end = start.AddDays(6);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from e in db.TimeEntries.AsNoTracking()
                where e.StaffId == actor.UserId && e.WorkDate >= start && e.WorkDate <= end
                join t in db.Tickets.AsNoTracking() on e.TicketId equals t.Id
                join c in db.Clients.AsNoTracking() on t.ClientId equals c.Id
                orderby e.WorkDate, e.CreatedAtUtc, e.Id
                select new { Entry = e, t.ClientId, t.Number, t.Title, Client = c.Name })
            .ToListAsync(cancellationToken);
        var locks = new Dictionary<long, string>();
        foreach (var client in rows.GroupBy(r => r.ClientId))
        {
            foreach (var (id, reason) in await billing.LockReasonsAsync(db, client.Key, [.. client.Select(r => r.Entry)], cancellationToken))
            {
                locks[id] = reason;
            }
        }

        var name = await db.Users.Where(u => u.Id == actor.UserId).Select(u => new { u.DisplayName, u.WeeklyCapacityMinutes }).SingleAsync(cancellationToken);
        var entries = rows.Select(r => new WeekEntry(
                new TimeEntryView(r.Entry.Id, r.Entry.StaffId, name.DisplayName, r.Entry.WorkDate, r.Entry.Minutes, r.Entry.WorkType, r.Entry.Note,
                    r.Entry.Billable, r.Entry.CreatedAtUtc, locks.GetValueOrDefault(r.Entry.Id), r.Entry.ConcurrencyStamp),
                r.Number, r.Title, r.Client))
            .ToList();
        return new MyWeek(start, entries, name.WeeklyCapacityMinutes, await PicksAsync(db, actor, end, cancellationToken));
    }

    /// <summary>A ticket by number for the quick-add box, when it is not among the picks; null when there is none.</summary>
    public async Task<TicketPick?> FindPickAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "log time");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (
                from t in db.Tickets.AsNoTracking()
                where t.Number == number
                join c in db.Clients.AsNoTracking() on t.ClientId equals c.Id
                select new TicketPick(t.Number, t.Title, c.Name, t.Type))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<TicketPick>> PicksAsync(KtPortalDbContext db, Actor actor, DateOnly end, CancellationToken cancellationToken)
    {
        // Two reads each an index serves (my open tickets; tickets I logged on lately), merged here: one query with an
        // OR between them read every ticket.
        var since = end.AddDays(-RecentDays);
        var recent = db.TimeEntries.Where(e => e.StaffId == actor.UserId && e.WorkDate >= since).Select(e => e.TicketId).Distinct();
        var open = new[] { TicketStatus.New, TicketStatus.InProgress, TicketStatus.WaitingOnClient };
        var assigned = db.Tickets.AsNoTracking().Where(t => t.AssigneeId == actor.UserId && open.Contains(t.Status));
        var logged = db.Tickets.AsNoTracking().Where(t => recent.Contains(t.Id));
        var picks = new List<(DateTime UpdatedAtUtc, TicketPick Pick)>();
        foreach (var tickets in new[] { assigned, logged })
        {
            var rows = await (
                    from t in tickets.OrderByDescending(t => t.UpdatedAtUtc).Take(Picks)
                    join c in db.Clients.AsNoTracking() on t.ClientId equals c.Id
                    select new { t.UpdatedAtUtc, Pick = new TicketPick(t.Number, t.Title, c.Name, t.Type) })
                .ToListAsync(cancellationToken);
            picks.AddRange(rows.Select(r => (r.UpdatedAtUtc, r.Pick)));
        }

        return [.. picks.DistinctBy(p => p.Pick.Number).OrderByDescending(p => p.UpdatedAtUtc).Take(Picks).Select(p => p.Pick)];
    }
}
