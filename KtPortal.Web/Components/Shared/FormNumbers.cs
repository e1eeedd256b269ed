using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Web.Components.Shared;

/// <summary>
/// Numbers as people type them into forms, read strictly: text that is not a number, or has more precision than the
/// field keeps, is refused with a message for that field, never rounded, clamped or read as 0. Ranges stay with the
/// domain services, which refuse out-of-range values with their own field messages.
/// </summary>
public static class FormNumbers
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands;

    /// <summary>An amount of money in major units ("95", "1,250.50", "$95.00"): at most two decimals.</summary>
    public static decimal? Money(Validation validation, string field, string label, string? text)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var value = WithoutCurrencySymbol(text);
        if (value.Length == 0)
        {
            validation.Add(field, $"Enter the {label}.");
            return null;
        }

        if (!decimal.TryParse(value, DecimalStyle, CultureInfo.InvariantCulture, out var amount))
        {
            validation.Add(field, $"The {label} must be a number, like 95.00.");
            return null;
        }

        if (decimal.Round(amount, 2) != amount)
        {
            validation.Add(field, $"The {label} has at most two decimals.");
            return null;
        }

        return amount;
    }

    /// <summary>A money amount converted to minor units, or 0 when refused (the validation then throws).</summary>
    public static long MoneyMinor(Validation validation, string field, string label, string? text) =>
        Money(validation, field, label, text) is { } amount ? KtPortal.Domain.Common.Money.FromMajor(amount) : 0;

    /// <summary>A whole number ("14"): no decimals, no words.</summary>
    public static int Whole(Validation validation, string field, string label, string? text)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            validation.Add(field, $"Enter the {label}.");
            return 0;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            validation.Add(field, $"The {label} must be a whole number.");
            return 0;
        }

        return number;
    }

    /// <summary>A percentage ("8.25") in basis points: at most two decimals.</summary>
    public static int PercentBasisPoints(Validation validation, string field, string label, string? text)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var value = (text ?? string.Empty).Trim().TrimEnd('%').Trim();
        if (value.Length == 0)
        {
            validation.Add(field, $"Enter the {label} (0 for none).");
            return 0;
        }

        if (!decimal.TryParse(value, DecimalStyle, CultureInfo.InvariantCulture, out var percent) || Math.Abs(percent) > 1_000_000m)
        {
            validation.Add(field, $"The {label} must be a number, like 8.25.");
            return 0;
        }

        if (decimal.Round(percent, 2) != percent)
        {
            validation.Add(field, $"The {label} has at most two decimals.");
            return 0;
        }

        return (int)(percent * 100m);
    }

    /// <summary>A length of time in minutes, typed as hours ("10", "7.5") or like a time entry ("7:30", "450m").</summary>
    public static int Minutes(Validation validation, string field, string label, string? text)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var value = (text ?? string.Empty).Trim();
        if (value.StartsWith('-'))
        {
            validation.Add(field, $"The {label} cannot be negative.");
            return 0;
        }

        if (value == "0")
        {
            return 0;
        }

        if (!DurationParser.TryParseAnyLength(value, out var minutes, out var error))
        {
            validation.Add(field, $"The {label}: {error}");
            return 0;
        }

        return minutes;
    }

    /// <summary>How a stored amount is shown in a field: "95", "1250.50" (no thousands separators, so it reads back).</summary>
    public static string MoneyText(long minor) =>
        minor % 100 == 0
            ? (minor / 100).ToString(CultureInfo.InvariantCulture)
            : KtPortal.Domain.Common.Money.ToMajor(minor).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"7.5", or "1:40" where decimal hours would not read back as the same minutes.</summary>
    public static string HoursText(int minutes) =>
        minutes * 100 % 60 == 0
            ? (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture)
            : $"{minutes / 60}:{minutes % 60:00}";

    public static string PercentText(int basisPoints) =>
        (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    private static string WithoutCurrencySymbol(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        var sign = value.StartsWith('-') ? "-" : string.Empty;
        var rest = value[sign.Length..].TrimStart();
        while (rest.Length > 0 && char.GetUnicodeCategory(rest[0]) == UnicodeCategory.CurrencySymbol)
        {
            rest = rest[1..].TrimStart();
        }

        return sign + rest;
    }
}
