namespace KtPortal.Domain.TimeTracking;

/// <summary>
/// Rule 1 of billing-rules.md, the one-hour minimum per ticket, in one place: the billing engine
/// (<c>UsageCalculator.ChargedMinutes</c>) and the stored <see cref="TimeEntry.ChargedMinutes"/> both come from here.
/// It lives with time tracking, below billing, because keeping the stored charge true is part of saving time.
/// </summary>
public static class OneHourMinimum
{
    public const int Minutes = 60;

    /// <summary>What rule 1 reads of an entry.</summary>
    public readonly record struct Entry(long Id, int TicketId, DateOnly WorkDate, DateTime CreatedAtUtc, int Minutes, bool Billable);

    /// <summary>A ticket's charged minutes once it has logged <paramref name="billableMinutes"/>: 0 before any, at least an hour after.</summary>
    public static int ChargedFor(int billableMinutes) => billableMinutes == 0 ? 0 : Math.Max(Minutes, billableMinutes);

    /// <summary>
    /// Each entry's charge, applied entry by entry in billing order (work date, created at, id) once per ticket over
    /// its whole life: <c>charge(k) = charged_after(k) − charged_after(k − 1)</c>. Pass every entry of the tickets concerned.
    /// </summary>
    public static Dictionary<long, int> Charges(IEnumerable<Entry> lifetimeEntries)
    {
        var charges = new Dictionary<long, int>();
        var ordered = lifetimeEntries.OrderBy(e => e.WorkDate).ThenBy(e => e.CreatedAtUtc).ThenBy(e => e.Id);
        foreach (var ticket in ordered.GroupBy(e => e.TicketId))
        {
            var logged = 0;
            foreach (var entry in ticket)
            {
                var before = ChargedFor(logged);
                logged += entry.Billable ? entry.Minutes : 0;
                charges[entry.Id] = ChargedFor(logged) - before;
            }
        }

        return charges;
    }
}
