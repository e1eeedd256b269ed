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
        // Each person's day, summed by the database; charged is rule 1 as the invoices bill it (stored per entry).
        var days = await db.TimeEntries.AsNoTracking()
            .Where(e => e.WorkDate >= first && e.WorkDate <= last)
            .GroupBy(e => new { e.StaffId, e.WorkDate })
            .Select(g => new
            {
                g.Key.StaffId, g.Key.WorkDate, Minutes = g.Sum(e => e.Minutes),
                Billable = g.Sum(e => e.Billable ? e.Minutes : 0), Charged = g.Sum(e => e.ChargedMinutes),
            })
            .ToListAsync(cancellationToken);
        var loggers = days.Select(e => e.StaffId).Distinct().ToList();
        var people = await (
                from u in db.Users.AsNoTracking()
                where loggers.Contains(u.Id)
                    || (u.IsActive && u.ClientId == null && db.UserRoles.Any(ur => ur.UserId == u.Id
                        && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == PortalRoles.Staff || r.Name == PortalRoles.Admin))))
                select new { u.Id, u.DisplayName, u.WeeklyCapacityMinutes })
            .ToDictionaryAsync(u => u.Id, cancellationToken);

        var buckets = UtilizationReport.BucketsOf(from, to, grain);
        var byStaff = days.ToLookup(e => e.StaffId);
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
                    mine.Sum(e => e.Minutes), mine.Sum(e => e.Billable), mine.Sum(e => e.Charged),
                    StaffCapacity.For(weekly, bucket.Start, bucket.End)));
            }
        }

        return new UtilizationReport(from, to, grain, buckets,
            [.. cells.OrderBy(c => c.StaffName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.StaffId).ThenBy(c => c.Bucket.Start)]);
    }
}
