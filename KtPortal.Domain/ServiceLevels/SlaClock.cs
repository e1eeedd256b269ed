namespace KtPortal.Domain.ServiceLevels;

/// <summary>Whether a target counts every minute or only the agency's open hours.</summary>
public enum SlaBasis
{
    Calendar,
    Business,
}

/// <summary>A span the clock stood still (the ticket waited on the client); open while still waiting.</summary>
public readonly record struct SlaPause(DateTime FromUtc, DateTime? ToUtc);

/// <summary>
/// The service-level clock: from the moment a ticket starts a target, minutes count in calendar time or in the
/// calendar's open hours, never while the ticket waits on the client. Gives the due instant (none while paused: it moves
/// once the client answers) and the minutes used so far (what "at risk" is measured against).
/// </summary>
public static class SlaClock
{
    /// <summary>When <paramref name="targetMinutes"/> of counted time have passed since <paramref name="startUtc"/>; null while paused short of it.</summary>
    public static DateTime? DueUtc(BusinessCalendar calendar, SlaBasis basis, DateTime startUtc, int targetMinutes, IReadOnlyCollection<SlaPause> pauses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetMinutes);
        var remaining = TimeSpan.FromMinutes(targetMinutes);
        foreach (var (from, to) in Counting(calendar, basis, startUtc, pauses))
        {
            if (to is null || to.Value - from >= remaining)
            {
                return from + remaining;
            }

            remaining -= to.Value - from;
        }

        return null;
    }

    /// <summary>Counted minutes between <paramref name="startUtc"/> and <paramref name="nowUtc"/>, whole minutes rounded down.</summary>
    public static int UsedMinutes(BusinessCalendar calendar, SlaBasis basis, DateTime startUtc, DateTime nowUtc, IReadOnlyCollection<SlaPause> pauses)
    {
        var used = TimeSpan.Zero;
        foreach (var (from, to) in Counting(calendar, basis, startUtc, pauses))
        {
            if (from >= nowUtc)
            {
                break;
            }

            used += (to is { } end && end < nowUtc ? end : nowUtc) - from;
        }

        return (int)used.TotalMinutes;
    }

    /// <summary>
    /// The spans in which the clock runs, in order from the start: open hours (or all time), less the pauses. The last
    /// span has no end for calendar time; an open pause ends everything (the clock waits for the client).
    /// </summary>
    private static IEnumerable<(DateTime From, DateTime? To)> Counting(BusinessCalendar calendar, SlaBasis basis, DateTime startUtc, IReadOnlyCollection<SlaPause> pauses)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(pauses);
        var stops = pauses.Where(p => p.ToUtc is null || p.ToUtc > startUtc).OrderBy(p => p.FromUtc).ToList();
        IEnumerable<(DateTime From, DateTime? To)> running = basis == SlaBasis.Calendar
            ? [(startUtc, null)]
            : calendar.OpenSpansUtc(startUtc, BusinessCalendar.MaxDaysAhead)
                .Where(s => s.To > startUtc)
                .Select(s => (s.From < startUtc ? startUtc : s.From, (DateTime?)s.To));
        foreach (var (from, to) in running)
        {
            var cursor = from;
            foreach (var stop in stops.Where(p => (to is null || p.FromUtc < to) && (p.ToUtc is null || p.ToUtc > cursor)))
            {
                if (stop.FromUtc > cursor)
                {
                    yield return (cursor, stop.FromUtc);
                }

                if (stop.ToUtc is not { } resumed)
                {
                    yield break;
                }

                cursor = resumed > cursor ? resumed : cursor;
            }

            if (to is null || cursor < to)
            {
                yield return (cursor, to);
            }
        }
    }
}
