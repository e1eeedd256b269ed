using System.Globalization;

namespace KtPortal.Domain.Common;

/// <summary>Durations are whole minutes everywhere; this is the one place they become hours for people.</summary>
public static class Hours
{
    /// <summary>Hours with up to two decimals, trailing zeros dropped: 420 → "7", 15 → "0.25", 90 → "1.5".</summary>
    public static string Format(int minutes) =>
        Math.Round(minutes / 60m, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Hours with exactly two decimals, for invoices and tables: 15 → "0.25", 60 → "1.00".</summary>
    public static string FormatFixed(int minutes) =>
        Math.Round(minutes / 60m, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
}
