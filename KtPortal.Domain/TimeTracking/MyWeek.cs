using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.TimeTracking;

/// <summary>One of my entries in the week, with the ticket it is on.</summary>
public sealed record WeekEntry(TimeEntryView Entry, int TicketNumber, string TicketTitle, string ClientName);

/// <summary>A ticket I can log time on quickly: assigned to me and open, or where I logged time lately.</summary>
public sealed record TicketPick(int Number, string Title, string ClientName, TicketType Type)
{
    public string Label => $"{TicketNumber.Format(Number)} · {Title} ({ClientName})";
}

/// <summary>A row of the week grid: one ticket's minutes on each day, Monday first.</summary>
public sealed record WeekTicketRow(int TicketNumber, string TicketTitle, string ClientName, IReadOnlyList<int> MinutesPerDay)
{
    public int TotalMinutes => MinutesPerDay.Sum();
}

/// <summary>A staff member's week (Monday to Sunday): their entries, totals per day against their weekly capacity.</summary>
public sealed record MyWeek(DateOnly Start, IReadOnlyList<WeekEntry> Entries, int WeeklyCapacityMinutes, IReadOnlyList<TicketPick> Picks)
{
    public DateOnly End => Start.AddDays(6);

    public IReadOnlyList<DateOnly> Days => [.. Enumerable.Range(0, 7).Select(Start.AddDays)];

    public int TotalMinutes => Entries.Sum(e => e.Entry.Minutes);

    public int BillableMinutes => Entries.Where(e => e.Entry.Billable).Sum(e => e.Entry.Minutes);

    public int MinutesOn(DateOnly day) => Entries.Where(e => e.Entry.WorkDate == day).Sum(e => e.Entry.Minutes);

    /// <summary>Logged against capacity in whole percent; null when capacity is not tracked.</summary>
    public int? CapacityPercent => WeeklyCapacityMinutes == 0 ? null : (int)Math.Round(TotalMinutes * 100m / WeeklyCapacityMinutes, MidpointRounding.AwayFromZero);

    public IReadOnlyList<WeekTicketRow> ByTicket() =>
        [.. Entries.GroupBy(e => e.TicketNumber)
            .Select(g => new WeekTicketRow(g.Key, g.First().TicketTitle, g.First().ClientName,
                [.. Days.Select(d => g.Where(e => e.Entry.WorkDate == d).Sum(e => e.Entry.Minutes))]))
            .OrderByDescending(r => r.TotalMinutes).ThenBy(r => r.TicketNumber)];

    /// <summary>The Monday of the week holding <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
