namespace KtPortal.Domain.Reports;

/// <summary>How a utilization report groups days: ISO weeks (Monday first) or calendar months.</summary>
public enum UtilizationGrain
{
    Week,
    Month,
}

/// <summary>A week or month of the range, cut by the range's edges.</summary>
public sealed record UtilizationBucket(DateOnly Start, DateOnly End);

/// <summary>
/// One staff member's time in one bucket: logged (all), billable, and charged (the billing engine's figure, the one-hour
/// minimum included), against their capacity for the bucket's weekdays. Minutes.
/// </summary>
public sealed record UtilizationCell(string StaffId, string StaffName, UtilizationBucket Bucket, int LoggedMinutes, int BillableMinutes, int ChargedMinutes, int CapacityMinutes)
{
    /// <summary>Billable as a share of logged, in percent; null when nothing was logged.</summary>
    public int? BillableSharePercent => UtilizationReport.Percent(BillableMinutes, LoggedMinutes);

    /// <summary>Billable time as a share of capacity, in percent; null when capacity is not tracked.</summary>
    public int? UtilizationPercent => UtilizationReport.Percent(BillableMinutes, CapacityMinutes);
}

/// <summary>Each staff member's time per bucket, and their totals over the range.</summary>
public sealed record UtilizationReport(DateOnly From, DateOnly To, UtilizationGrain Grain, IReadOnlyList<UtilizationBucket> Buckets, IReadOnlyList<UtilizationCell> Cells)
{
    /// <summary>Per staff member over the whole range, by name.</summary>
    public IReadOnlyList<UtilizationCell> Totals() =>
        [.. Cells.GroupBy(c => c.StaffId)
            .Select(g => new UtilizationCell(g.Key, g.First().StaffName, new UtilizationBucket(From, To),
                g.Sum(c => c.LoggedMinutes), g.Sum(c => c.BillableMinutes), g.Sum(c => c.ChargedMinutes), g.Sum(c => c.CapacityMinutes)))
            .OrderBy(c => c.StaffName, StringComparer.OrdinalIgnoreCase)];

    /// <summary>part ÷ whole in whole percent, halves away from zero; null when the whole is 0.</summary>
    public static int? Percent(int part, int whole) =>
        whole == 0 ? null : (int)Math.Round(part * 100m / whole, MidpointRounding.AwayFromZero);

    /// <summary>The range cut into weeks or months.</summary>
    public static IReadOnlyList<UtilizationBucket> BucketsOf(DateOnly from, DateOnly to, UtilizationGrain grain)
    {
        var buckets = new List<UtilizationBucket>();
        var start = from;
        while (start <= to)
        {
            var next = grain == UtilizationGrain.Month
                ? new DateOnly(start.Year, start.Month, 1).AddMonths(1)
                : start.AddDays(7 - (((int)start.DayOfWeek + 6) % 7));
            var end = next.AddDays(-1) < to ? next.AddDays(-1) : to;
            buckets.Add(new UtilizationBucket(start, end));
            start = next;
        }

        return buckets;
    }
}
