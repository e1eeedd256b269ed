using System.Globalization;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Billing;

/// <summary>How periods read in messages and on screens.</summary>
public static class BillingText
{
    private static readonly CultureInfo Display = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"Nov 1 – Nov 30, 2026": the last day shown is the day before the exclusive end.</summary>
    public static string Range(BillingPeriodRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var last = range.End.AddDays(-1);
        var from = range.Start.Year == last.Year
            ? range.Start.ToString("MMM d", Display)
            : range.Start.ToString("MMM d, yyyy", Display);
        return $"{from} – {last.ToString("MMM d, yyyy", Display)}";
    }

    public static string Date(DateOnly date) => date.ToString("MMM d, yyyy", Display);

    /// <summary>Rule 2's message for anything that would change a closed period.</summary>
    public static string ClosedPeriod(BillingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"The billing period {Range(period.Range)} is closed: its time can no longer be added, changed or deleted. " +
            "Log the correction in the open period instead, with a note saying what it corrects.";
    }

    /// <summary>The meter's sentence (contracts.md): "You've used 7 of 10 hours this month".</summary>
    public static string MeterSentence(int usedMinutes, int includedMinutes) =>
        $"You've used {Hours.Format(usedMinutes)} of {Hours.Format(includedMinutes)} hours this month";
}
