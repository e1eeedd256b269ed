namespace KtPortal.Domain.Tickets.Stats;

/// <summary>Which time a <see cref="TicketDayStat"/> counts.</summary>
public enum TicketTimeMeasure
{
    /// <summary>Tickets raised on the day, by band of first-response time (<see cref="TicketTimeBands.NotYet"/> while unanswered).</summary>
    Response = 0,

    /// <summary>Tickets resolved on the day (and still resolved or closed), by band of resolution time.</summary>
    Resolution = 1,
}

/// <summary>
/// The tickets report's summary for the whole agency: how many tickets of one priority and type were raised (or resolved)
/// on one portal-local day, per band of response (or resolution) time. A year of a million tickets is a few thousand of
/// these rows; the exact percentile is then read from the one band it falls in (the tickets report). Rewritten
/// per day by <see cref="TicketStatsKeeper"/> in the transaction that changes a ticket, rebuilt by
/// <see cref="TicketStatsRebuild"/> after the migration that added it or a change of portal time zone.
/// </summary>
public sealed class TicketDayStat
{
    public DateOnly Day { get; set; }

    public TicketTimeMeasure Measure { get; set; }

    public TicketPriority Priority { get; set; }

    public TicketType Type { get; set; }

    /// <summary>An index into <see cref="TicketTimeBands.UpperBounds"/>, or <see cref="TicketTimeBands.NotYet"/>.</summary>
    public int Band { get; set; }

    public int Count { get; set; }
}

/// <summary>The bands response and resolution times are counted in; any fixed bands serve, these keep each one small.</summary>
public static class TicketTimeBands
{
    public const int NotYet = -1;

    /// <summary>Exclusive upper bounds in minutes: 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h, 1 d, 2 d, 3 d, 5 d, 7 d, 14 d, 30 d; then the rest.</summary>
    public static readonly IReadOnlyList<int> UpperBounds = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 7200, 10080, 20160, 43200, int.MaxValue];

    public static int Of(int? minutes)
    {
        if (minutes is not { } value)
        {
            return NotYet;
        }

        var band = 0;
        while (value >= UpperBounds[band])
        {
            band++;
        }

        return band;
    }

    public static (int From, int Below) Range(int band) => (band == 0 ? 0 : UpperBounds[band - 1], UpperBounds[band]);

    /// <summary>Whole minutes from one instant to a later one, rounded half away from zero, never negative.</summary>
    public static int Minutes(DateTime from, DateTime to) => (int)Math.Max(0, Math.Round((to - from).TotalMinutes, MidpointRounding.AwayFromZero));
}
