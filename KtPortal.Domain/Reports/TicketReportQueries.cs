using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// The tickets report, staff only: raised and resolved per week of the range (portal-local days), the backlog of open
/// tickets now by status and age, and first-response (<see cref="Ticket.FirstResponseAtUtc"/>) and resolution times by
/// priority and type. Only the columns each figure needs are read.
/// </summary>
public sealed class TicketReportQueries(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, PortalSettings settings)
{
    public async Task<TicketsReport> GetAsync(Actor actor, DateOnly from, DateOnly to, int? clientId = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see reports");
        ReportQueries.Validate(from, to);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (settings.StartOfDayUtc(from), settings.StartOfDayUtc(to.AddDays(1)));
        var tickets = db.Tickets.AsNoTracking().Where(t => clientId == null || t.ClientId == clientId);

        var created = await tickets.Where(t => t.CreatedAtUtc >= start && t.CreatedAtUtc < end)
            .Select(t => new { t.CreatedAtUtc, t.FirstResponseAtUtc, t.Priority, t.Type })
            .ToListAsync(cancellationToken);
        var resolved = await tickets.Where(t => t.ResolvedAtUtc >= start && t.ResolvedAtUtc < end
                && (t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed))
            .Select(t => new { t.CreatedAtUtc, ResolvedAtUtc = t.ResolvedAtUtc!.Value, t.Priority, t.Type })
            .ToListAsync(cancellationToken);
        // Ages as of now, counted by the database: under a day, 1–7 days, 8–30 days, older.
        var now = clock.GetUtcNow().UtcDateTime;
        var (day, week, month) = (now.AddDays(-1), now.AddDays(-8), now.AddDays(-31));
        var open = await tickets.Where(t => t.Status == TicketStatus.New || t.Status == TicketStatus.InProgress || t.Status == TicketStatus.WaitingOnClient)
            .GroupBy(t => new { t.Status, Age = t.CreatedAtUtc > day ? 0 : t.CreatedAtUtc > week ? 1 : t.CreatedAtUtc > month ? 2 : 3 })
            .Select(g => new { g.Key.Status, g.Key.Age, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var createdPerWeek = created.CountBy(t => WeekOf(t.CreatedAtUtc, from)).ToDictionary();
        var resolvedPerWeek = resolved.CountBy(t => WeekOf(t.ResolvedAtUtc, from)).ToDictionary();
        var weeks = UtilizationReport.BucketsOf(from, to, UtilizationGrain.Week)
            .Select(w => new TicketWeek(w.Start, createdPerWeek.GetValueOrDefault(w.Start), resolvedPerWeek.GetValueOrDefault(w.Start)))
            .ToList();
        var backlog = open
            .Select(o => new BacklogCell(o.Status, (BacklogAge)o.Age, o.Count))
            .OrderBy(b => b.Status).ThenBy(b => b.Age)
            .ToList();

        var times = new List<TicketTimes>();
        foreach (var priority in Enum.GetValues<TicketPriority>().Reverse())
        {
            foreach (var type in Enum.GetValues<TicketType>())
            {
                var responses = created.Where(t => t.Priority == priority && t.Type == type && t.FirstResponseAtUtc is not null)
                    .Select(t => Minutes(t.FirstResponseAtUtc!.Value - t.CreatedAtUtc)).Order().ToList();
                var resolutions = resolved.Where(t => t.Priority == priority && t.Type == type)
                    .Select(t => Minutes(t.ResolvedAtUtc - t.CreatedAtUtc)).Order().ToList();
                if (responses.Count > 0 || resolutions.Count > 0 || created.Any(t => t.Priority == priority && t.Type == type))
                {
                    times.Add(new TicketTimes(priority, type,
                        responses.Count, TicketsReport.Percentile(responses, 50), TicketsReport.Percentile(responses, 90),
                        resolutions.Count, TicketsReport.Percentile(resolutions, 50), TicketsReport.Percentile(resolutions, 90)));
                }
            }
        }

        var allResponses = created.Where(t => t.FirstResponseAtUtc is not null).Select(t => Minutes(t.FirstResponseAtUtc!.Value - t.CreatedAtUtc)).Order().ToList();
        var allResolutions = resolved.Select(t => Minutes(t.ResolvedAtUtc - t.CreatedAtUtc)).Order().ToList();
        var overall = new TimesSummary(
            allResponses.Count, TicketsReport.Percentile(allResponses, 50), TicketsReport.Percentile(allResponses, 90),
            allResolutions.Count, TicketsReport.Percentile(allResolutions, 50), TicketsReport.Percentile(allResolutions, 90));
        return new TicketsReport(from, to, weeks, backlog, times, overall);
    }

    /// <summary>The first day of the (range-clipped) ISO week the instant falls in, in portal-local days.</summary>
    private DateOnly WeekOf(DateTime utc, DateOnly from)
    {
        var day = settings.LocalDate(new DateTimeOffset(utc, TimeSpan.Zero));
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return monday < from ? from : monday;
    }

    private static int Minutes(TimeSpan span) => (int)Math.Max(0, Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero));
}
