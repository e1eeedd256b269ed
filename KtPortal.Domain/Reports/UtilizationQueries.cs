using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// Utilization: the agency's people (active staff and admins, and anyone who logged time in the range) per week or
/// month: logged, billable and charged hours against the capacity set on each person. Staff only.
/// </summary>
public sealed class UtilizationQueries(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    public async Task<UtilizationReport> GetAsync(Actor actor, DateOnly from, DateOnly to, UtilizationGrain grain, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see reports");
        ReportQueries.Validate(from, to);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (first, last) = (from, to); // "from" is a keyword inside a query expression
        var inRange = db.TimeEntries.AsNoTracking().Where(e => e.WorkDate >= first && e.WorkDate <= last);
        var entries = await inRange.Select(e => new { e.Id, e.TicketId, e.StaffId, e.WorkDate, e.Minutes, e.Billable }).ToListAsync(cancellationToken);
        var charged = await ChargedTime.ForTicketsAsync(db, inRange.Select(e => e.TicketId), cancellationToken);
        var loggers = entries.Select(e => e.StaffId).Distinct().ToList();
        var people = await (
                from u in db.Users.AsNoTracking()
                where loggers.Contains(u.Id)
                    || (u.IsActive && u.ClientId == null && db.UserRoles.Any(ur => ur.UserId == u.Id
                        && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == PortalRoles.Staff || r.Name == PortalRoles.Admin))))
                select new { u.Id, u.DisplayName, u.WeeklyCapacityMinutes })
            .ToDictionaryAsync(u => u.Id, cancellationToken);

        var buckets = UtilizationReport.BucketsOf(from, to, grain);
        var byStaff = entries.ToLookup(e => e.StaffId);
        var cells = new List<UtilizationCell>();
        foreach (var staffId in people.Keys.Union(loggers))
        {
            var person = people.GetValueOrDefault(staffId);
            var name = person?.DisplayName ?? staffId;
            var weekly = person?.WeeklyCapacityMinutes ?? 0;
            foreach (var bucket in buckets)
            {
                var mine = byStaff[staffId].Where(e => e.WorkDate >= bucket.Start && e.WorkDate <= bucket.End).ToList();
                cells.Add(new UtilizationCell(staffId, name, bucket,
                    mine.Sum(e => e.Minutes), mine.Where(e => e.Billable).Sum(e => e.Minutes), mine.Sum(e => charged.GetValueOrDefault(e.Id)),
                    StaffCapacity.For(weekly, bucket.Start, bucket.End)));
            }
        }

        return new UtilizationReport(from, to, grain, buckets,
            [.. cells.OrderBy(c => c.StaffName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.StaffId).ThenBy(c => c.Bucket.Start)]);
    }
}
