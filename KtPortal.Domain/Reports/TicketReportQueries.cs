using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.Tickets.Stats;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// The tickets report, staff only: raised and resolved per week of the range (portal-local days), the backlog of open
/// tickets now by status and age, and first-response and resolution times by priority and type (exact nearest-rank
/// medians and 90th percentiles of <see cref="Ticket.FirstResponseMinutes"/> and <see cref="Ticket.ResolutionMinutes"/>).
/// One client's tickets are read whole; for the whole agency the day counts (<see cref="TicketDayStat"/>) give the flow
/// and say which band each percentile falls in, and one indexed read inside that band finds it.
/// </summary>
public sealed class TicketReportQueries(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, PortalSettings settings)
{
    private static readonly int[] Percents = [50, 90];

    private static long BandMissCount;

    /// <summary>
    /// How often a percentile was not where the day counts placed it (a ticket changed between the two reads) and the
    /// whole range was read instead; tests hold it at zero, so the fast path is proven and not quietly bypassed.
    /// </summary>
    internal static long BandMisses => Interlocked.Read(ref BandMissCount);

    public async Task<TicketsReport> GetAsync(Actor actor, DateOnly from, DateOnly to, int? clientId = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see reports");
        ReportQueries.Validate(from, to);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var range = new Range(from, to, settings.StartOfDayUtc(from), settings.StartOfDayUtc(to.AddDays(1)));
        ITimesSource source = clientId is { } one
            ? await ClientTimes.ReadAsync(db, range, one, settings, cancellationToken)
            : await AgencyTimes.ReadAsync(db, range, cancellationToken);

        var weeks = UtilizationReport.BucketsOf(from, to, UtilizationGrain.Week)
            .Select(w => new TicketWeek(w.Start, source.Raised(w.Start, w.End), source.Resolved(w.Start, w.End)))
            .ToList();
        var times = new List<TicketTimes>();
        foreach (var priority in Enum.GetValues<TicketPriority>().Reverse())
        {
            foreach (var type in Enum.GetValues<TicketType>())
            {
                if (!source.HasAny(priority, type))
                {
                    continue;
                }

                var response = await source.TimesAsync(TicketTimeMeasure.Response, priority, type, cancellationToken);
                var resolution = await source.TimesAsync(TicketTimeMeasure.Resolution, priority, type, cancellationToken);
                times.Add(new TicketTimes(priority, type, response.Count, response.Median, response.P90, resolution.Count, resolution.Median, resolution.P90));
            }
        }

        var allResponses = await source.TimesAsync(TicketTimeMeasure.Response, null, null, cancellationToken);
        var allResolutions = await source.TimesAsync(TicketTimeMeasure.Resolution, null, null, cancellationToken);
        var overall = new TimesSummary(allResponses.Count, allResponses.Median, allResponses.P90, allResolutions.Count, allResolutions.Median, allResolutions.P90);
        return new TicketsReport(from, to, weeks, await BacklogAsync(db, clientId, cancellationToken), times, overall);
    }

    /// <summary>
    /// Open tickets by status and age as of now: under a day, 1–7 days, 8–30 days, older. For the agency, counted per
    /// status as tickets raised since each threshold (a range of the status-and-created index, no row read), the ages
    /// being differences.
    /// </summary>
    private async Task<List<BacklogCell>> BacklogAsync(KtPortalDbContext db, int? clientId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (day, week, month) = (now.AddDays(-1), now.AddDays(-8), now.AddDays(-31));
        if (clientId is { } one)
        {
            // One client's open tickets are few: read through the client-and-status index and grouped by the database.
            var open = await db.Tickets.AsNoTracking()
                .Where(t => t.ClientId == one && (t.Status == TicketStatus.New || t.Status == TicketStatus.InProgress || t.Status == TicketStatus.WaitingOnClient))
                .GroupBy(t => new { t.Status, Age = t.CreatedAtUtc > day ? 0 : t.CreatedAtUtc > week ? 1 : t.CreatedAtUtc > month ? 2 : 3 })
                .Select(g => new { g.Key.Status, g.Key.Age, Count = g.Count() })
                .ToListAsync(cancellationToken);
            return [.. open.Select(o => new BacklogCell(o.Status, (BacklogAge)o.Age, o.Count)).OrderBy(b => b.Status).ThenBy(b => b.Age)];
        }

        DateTime?[] since = [day, week, month, null];
        var cells = new List<BacklogCell>();
        foreach (var status in TicketsReport.OpenStatuses)
        {
            var tickets = db.Tickets.AsNoTracking().Where(t => t.Status == status);
            var counted = 0;
            for (var age = 0; age < since.Length; age++)
            {
                var cumulative = since[age] is { } threshold
                    ? await tickets.CountAsync(t => t.CreatedAtUtc > threshold, cancellationToken)
                    : await tickets.CountAsync(cancellationToken);
                if (cumulative > counted)
                {
                    cells.Add(new BacklogCell(status, (BacklogAge)age, cumulative - counted));
                }

                counted = cumulative;
            }
        }

        return cells;
    }

    private sealed record Range(DateOnly From, DateOnly To, DateTime StartUtc, DateTime EndUtc);

    private readonly record struct Times(int Count, int? Median, int? P90);

    /// <summary>What the report reads of the tickets in range, for one client or for the agency.</summary>
    private interface ITimesSource
    {
        int Raised(DateOnly first, DateOnly last);

        int Resolved(DateOnly first, DateOnly last);

        bool HasAny(TicketPriority priority, TicketType type);

        /// <summary>Responses of tickets raised in range, or resolutions in range; null priority and type for all.</summary>
        Task<Times> TimesAsync(TicketTimeMeasure measure, TicketPriority? priority, TicketType? type, CancellationToken cancellationToken);
    }

    /// <summary>One client's tickets raised or resolved in range, read whole (a client's year is a few thousand).</summary>
    private sealed class ClientTimes(List<ClientTimes.Row> raised, List<ClientTimes.Row> resolved) : ITimesSource
    {
        public sealed record Row(DateOnly Day, TicketPriority Priority, TicketType Type, int? Minutes);

        public static async Task<ClientTimes> ReadAsync(KtPortalDbContext db, Range range, int clientId, PortalSettings settings, CancellationToken cancellationToken)
        {
            var tickets = db.Tickets.AsNoTracking().Where(t => t.ClientId == clientId);
            var raised = await tickets.Where(t => t.CreatedAtUtc >= range.StartUtc && t.CreatedAtUtc < range.EndUtc)
                .Select(t => new { At = t.CreatedAtUtc, t.Priority, t.Type, Minutes = t.FirstResponseMinutes })
                .ToListAsync(cancellationToken);
            var resolved = await tickets.Where(t => t.ResolvedAtUtc >= range.StartUtc && t.ResolvedAtUtc < range.EndUtc && t.ResolutionMinutes != null)
                .Select(t => new { At = t.ResolvedAtUtc!.Value, t.Priority, t.Type, Minutes = t.ResolutionMinutes })
                .ToListAsync(cancellationToken);
            DateOnly Day(DateTime at) => settings.LocalDate(new DateTimeOffset(at, TimeSpan.Zero));
            return new ClientTimes(
                [.. raised.Select(t => new Row(Day(t.At), t.Priority, t.Type, t.Minutes))],
                [.. resolved.Select(t => new Row(Day(t.At), t.Priority, t.Type, t.Minutes))]);
        }

        public int Raised(DateOnly first, DateOnly last) => raised.Count(r => r.Day >= first && r.Day <= last);

        public int Resolved(DateOnly first, DateOnly last) => resolved.Count(r => r.Day >= first && r.Day <= last);

        public bool HasAny(TicketPriority priority, TicketType type) =>
            raised.Any(r => r.Priority == priority && r.Type == type) || resolved.Any(r => r.Priority == priority && r.Type == type);

        public Task<Times> TimesAsync(TicketTimeMeasure measure, TicketPriority? priority, TicketType? type, CancellationToken cancellationToken)
        {
            var sorted = (measure == TicketTimeMeasure.Response ? raised : resolved)
                .Where(r => r.Minutes is not null && (priority is null || r.Priority == priority) && (type is null || r.Type == type))
                .Select(r => r.Minutes!.Value).Order().ToList();
            return Task.FromResult(new Times(sorted.Count, TicketsReport.Percentile(sorted, 50), TicketsReport.Percentile(sorted, 90)));
        }
    }

    /// <summary>
    /// The agency's tickets through the day counts: the flow from them alone, each percentile from the band they place it
    /// in and one read of that band's tickets in order (an index on priority, type, minutes and time serves it).
    /// </summary>
    private sealed class AgencyTimes(KtPortalDbContext db, Range range, List<AgencyTimes.DayCount> days, List<AgencyTimes.BandCount> bands) : ITimesSource
    {
        public sealed record DayCount(DateOnly Day, TicketTimeMeasure Measure, int Count);

        public sealed record BandCount(TicketTimeMeasure Measure, TicketPriority Priority, TicketType Type, int Band, int Count);

        public static async Task<AgencyTimes> ReadAsync(KtPortalDbContext db, Range range, CancellationToken cancellationToken)
        {
            var stats = db.TicketDayStats.AsNoTracking().Where(s => s.Day >= range.From && s.Day <= range.To);
            var days = await stats.GroupBy(s => new { s.Day, s.Measure })
                .Select(g => new DayCount(g.Key.Day, g.Key.Measure, g.Sum(s => s.Count)))
                .ToListAsync(cancellationToken);
            var bands = await stats.GroupBy(s => new { s.Measure, s.Priority, s.Type, s.Band })
                .Select(g => new BandCount(g.Key.Measure, g.Key.Priority, g.Key.Type, g.Key.Band, g.Sum(s => s.Count)))
                .ToListAsync(cancellationToken);
            return new AgencyTimes(db, range, days, bands);
        }

        public int Raised(DateOnly first, DateOnly last) => Sum(TicketTimeMeasure.Response, first, last);

        public int Resolved(DateOnly first, DateOnly last) => Sum(TicketTimeMeasure.Resolution, first, last);

        public bool HasAny(TicketPriority priority, TicketType type) => bands.Any(b => b.Priority == priority && b.Type == type && b.Count > 0);

        public async Task<Times> TimesAsync(TicketTimeMeasure measure, TicketPriority? priority, TicketType? type, CancellationToken cancellationToken)
        {
            var counts = new int[TicketTimeBands.UpperBounds.Count];
            foreach (var band in bands.Where(b => b.Measure == measure && b.Band != TicketTimeBands.NotYet
                && (priority is null || b.Priority == priority) && (type is null || b.Type == type)))
            {
                counts[band.Band] += band.Count;
            }

            var total = counts.Sum();
            var found = new List<int?>();
            foreach (var percent in Percents)
            {
                found.Add(total == 0 ? null : await NthAsync(measure, priority, type, counts, (int)Math.Ceiling(percent / 100m * total), cancellationToken));
            }

            return new Times(total, found[0], found[1]);
        }

        /// <summary>The <paramref name="rank"/>-th smallest time (1-based): the band that holds it, then that band in order.</summary>
        private async Task<int> NthAsync(TicketTimeMeasure measure, TicketPriority? priority, TicketType? type, int[] counts, int rank, CancellationToken cancellationToken)
        {
            var band = 0;
            var below = 0;
            while (below + counts[band] < rank)
            {
                below += counts[band++];
            }

            var (lowest, under) = TicketTimeBands.Range(band);
            var times = Minutes(measure, priority, type);
            var banded = times.Where(m => m >= lowest && m < under);
            // Stepped to from the nearer end of the band: the index is read in either direction.
            var fromLow = rank - below - 1;
            var fromHigh = counts[band] - fromLow - 1;
            var inBand = fromLow <= fromHigh
                ? await banded.OrderBy(m => m).Skip(fromLow).FirstOrDefaultAsync(cancellationToken)
                : await banded.OrderByDescending(m => m).Skip(fromHigh).FirstOrDefaultAsync(cancellationToken);
            if (inBand is { } value)
            {
                return value;
            }

            // The counts are kept in the same transaction as the tickets, but a ticket can change between this read and
            // theirs: then the whole range is read, slower but exact.
            Interlocked.Increment(ref BandMissCount);
            return await times.OrderBy(m => m).Skip(rank - 1).FirstOrDefaultAsync(cancellationToken) ?? 0;
        }

        /// <summary>The times in range, filtered only where asked, so each query matches one of the minutes-first indexes.</summary>
        private IQueryable<int?> Minutes(TicketTimeMeasure measure, TicketPriority? priority, TicketType? type)
        {
            var tickets = db.Tickets.AsNoTracking();
            if (priority is { } p)
            {
                tickets = tickets.Where(x => x.Priority == p);
            }

            if (type is { } t)
            {
                tickets = tickets.Where(x => x.Type == t);
            }

            return measure == TicketTimeMeasure.Response
                ? tickets.Where(x => x.FirstResponseMinutes != null && x.CreatedAtUtc >= range.StartUtc && x.CreatedAtUtc < range.EndUtc).Select(x => x.FirstResponseMinutes)
                : tickets.Where(x => x.ResolutionMinutes != null && x.ResolvedAtUtc >= range.StartUtc && x.ResolvedAtUtc < range.EndUtc).Select(x => x.ResolutionMinutes);
        }

        private int Sum(TicketTimeMeasure measure, DateOnly first, DateOnly last) =>
            days.Where(d => d.Measure == measure && d.Day >= first && d.Day <= last).Sum(d => d.Count);
    }
}
