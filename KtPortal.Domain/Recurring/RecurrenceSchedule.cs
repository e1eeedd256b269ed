namespace KtPortal.Domain.Recurring;

/// <summary>The days a template recurs on. Pure: the job and the page ("next: Dec 1") both ask it.</summary>
public static class RecurrenceSchedule
{
    /// <summary>Occurrence days from <paramref name="from"/> through <paramref name="through"/>, in order, within the template's start and end.</summary>
    public static IEnumerable<DateOnly> Between(RecurringTicket template, DateOnly from, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(template);
        var first = from > template.StartDate ? from : template.StartDate;
        var last = template.EndDate is { } end && end.AddDays(-1) < through ? end.AddDays(-1) : through;
        if (first > last)
        {
            yield break;
        }

        if (template.Kind == RecurrenceKind.Weekly)
        {
            var day = first.AddDays(((int)template.DayOfWeek - (int)first.DayOfWeek + 7) % 7);
            for (; day <= last; day = day.AddDays(7))
            {
                yield return day;
            }

            yield break;
        }

        // Months counted from the start date's month, every IntervalMonths.
        var origin = (template.StartDate.Year * 12) + template.StartDate.Month - 1;
        var month = (first.Year * 12) + first.Month - 1;
        var offset = ((month - origin) % template.IntervalMonths + template.IntervalMonths) % template.IntervalMonths;
        for (month += offset == 0 ? 0 : template.IntervalMonths - offset; ; month += template.IntervalMonths)
        {
            var day = new DateOnly(month / 12, (month % 12) + 1, template.DayOfMonth);
            if (day > last)
            {
                yield break;
            }

            if (day >= first)
            {
                yield return day;
            }
        }
    }

    /// <summary>The next occurrence on or after <paramref name="from"/>, or null when the template has ended.</summary>
    public static DateOnly? Next(RecurringTicket template, DateOnly from) =>
        Between(template, from, from.AddYears(2)).Select(d => (DateOnly?)d).FirstOrDefault();
}
