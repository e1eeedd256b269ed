using System.Globalization;

namespace KtPortal.Domain.Common;

/// <summary>
/// Money is whole minor units (cents) in a <see cref="long"/>; this is the one place that
/// converts to and from what people read and type.
/// </summary>
public static class Money
{
    private static readonly CultureInfo Display = CultureInfo.GetCultureInfo("en-US");

    /// <summary>
    /// An amount in the given currency ("$1,250.00", "€95.00", "CHF 95.00"). The currency has no default: every caller
    /// passes the portal's (<see cref="PortalSettings.Currency"/>) or the document's own, so nothing shows "$" by accident.
    /// </summary>
    public static string Format(long minorUnits, string currency)
    {
        var major = minorUnits / 100m;
        var sign = major < 0 ? "-" : string.Empty;
        return sign + Symbol(currency) + Math.Abs(major).ToString("N2", Display);
    }

    /// <summary>What goes before an amount of this currency: "$", "€", "£", or the code and a space.</summary>
    public static string Symbol(string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        return currency.ToUpperInvariant() switch
        {
            "USD" or "CAD" or "AUD" or "NZD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            var code => code + " ",
        };
    }

    /// <summary>Converts an amount typed in major units (95.5) to minor units (9550).</summary>
    public static long FromMajor(decimal major) =>
        (long)Math.Round(major * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal ToMajor(long minorUnits) => minorUnits / 100m;
}
