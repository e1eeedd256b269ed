using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Reports;

/// <summary>An ISO week (Monday first) of the range: tickets raised and tickets resolved in it.</summary>
public sealed record TicketWeek(DateOnly Start, int Created, int Resolved);

/// <summary>How long open tickets have been open, for the backlog.</summary>
public enum BacklogAge
{
    UnderADay,
    OneToSevenDays,
    EightToThirtyDays,
    OverThirtyDays,
}

/// <summary>Open tickets of one status and age.</summary>
public sealed record BacklogCell(TicketStatus Status, BacklogAge Age, int Count);

/// <summary>
/// Response and resolution times of one priority and type, in minutes of calendar time: first response for tickets
/// raised in the range that staff answered publicly, resolution for tickets resolved in the range. Medians and 90th
/// percentiles by nearest rank; null when there is nothing to measure.
/// </summary>
public sealed record TicketTimes(
    TicketPriority Priority, TicketType Type, int Responded, int? MedianFirstResponseMinutes, int? P90FirstResponseMinutes,
    int Resolved, int? MedianResolutionMinutes, int? P90ResolutionMinutes);

/// <summary>Response and resolution times of every ticket of the range together (the client's monthly report).</summary>
public sealed record TimesSummary(int Responded, int? MedianFirstResponseMinutes, int? P90FirstResponseMinutes, int Resolved, int? MedianResolutionMinutes, int? P90ResolutionMinutes);

/// <summary>The tickets report: flow per week, the backlog now, and response and resolution times (by priority and type, and overall).</summary>
public sealed record TicketsReport(
    DateOnly From, DateOnly To, IReadOnlyList<TicketWeek> Weeks, IReadOnlyList<BacklogCell> Backlog, IReadOnlyList<TicketTimes> Times, TimesSummary Overall)
{
    public static readonly IReadOnlyList<TicketStatus> OpenStatuses = [TicketStatus.New, TicketStatus.InProgress, TicketStatus.WaitingOnClient];

    public int Created => Weeks.Sum(w => w.Created);

    public int Resolved => Weeks.Sum(w => w.Resolved);

    public int Open => Backlog.Sum(b => b.Count);

    public int BacklogCount(TicketStatus status, BacklogAge age) => Backlog.FirstOrDefault(b => b.Status == status && b.Age == age)?.Count ?? 0;

    public static string AgeLabel(BacklogAge age) => age switch
    {
        BacklogAge.UnderADay => "Under a day",
        BacklogAge.OneToSevenDays => "1–7 days",
        BacklogAge.EightToThirtyDays => "8–30 days",
        _ => "Over 30 days",
    };

    /// <summary>A span for people: "45 min", "3 h 20 min", "2 d 4 h"; "—" for nothing measured.</summary>
    public static string Span(int? minutes) => minutes switch
    {
        null => "—",
        < 60 => $"{minutes} min",
        < 24 * 60 => minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min",
        _ => (minutes % (24 * 60)) / 60 == 0 ? $"{minutes / (24 * 60)} d" : $"{minutes / (24 * 60)} d {(minutes % (24 * 60)) / 60} h",
    };

    /// <summary>The nearest-rank percentile (1–100) of values sorted ascending; null when there are none.</summary>
    public static int? Percentile(IReadOnlyList<int> sorted, int percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        return sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(percent / 100m * sorted.Count) - 1];
    }
}
