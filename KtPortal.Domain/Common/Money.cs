using System.Globalization;

namespace KtPortal.Domain.Common;

/// <summary>
/// Money is whole minor units (cents) in a <see cref="long"/>; this is the one place that
/// converts to and from what people read and type.
/// </summary>
public static class Money
{
    private static readonly CultureInfo Display = CultureInfo.GetCultureInfo("en-US");

    public static string Format(long minorUnits, string currency = "USD")
    {
        var major = minorUnits / 100m;
        var symbol = currency switch
        {
            "USD" or "CAD" or "AUD" or "NZD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            _ => currency + " ",
        };
        var sign = major < 0 ? "-" : string.Empty;
        return sign + symbol + Math.Abs(major).ToString("N2", Display);
    }

    /// <summary>Converts an amount typed in major units (95.5) to minor units (9550).</summary>
    public static long FromMajor(decimal major) =>
        (long)Math.Round(major * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal ToMajor(long minorUnits) => minorUnits / 100m;
}
