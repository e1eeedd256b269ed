using System.Globalization;

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

    /// <summary>The meter's sentence (contracts.md): "You've used 7 of 10 hours this month".</summary>
    public static string MeterSentence(int usedMinutes, int includedMinutes) =>
        $"You've used {Hours.Format(usedMinutes)} of {Hours.Format(includedMinutes)} hours this month";
}
