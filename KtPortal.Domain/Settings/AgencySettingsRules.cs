using System.Globalization;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Settings;

/// <summary>What agency settings may hold, and the checks behind each field's message.</summary>
public static class AgencySettingsRules
{
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 500;
    public const int AddressMaxLines = 6;
    public const int EmailMaxLength = 256;
    public const int PhoneMaxLength = 40;
    public const int PaymentInstructionsMaxLength = 1000;
    public const int BankFieldMaxLength = 100;
    public const int InvoicePrefixMaxLength = 10;
    public const int BaseUrlMaxLength = 300;
    public const int MaxPaymentTermsDays = 365;

    /// <summary>The currencies the portal can show: every ISO 4217 code a .NET region uses, sorted.</summary>
    public static readonly IReadOnlyList<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .Where(code => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper))
        .Select(code => code!)
        .Append("USD").Append("EUR").Append("GBP")
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The time zones this machine knows (IANA ids), sorted.</summary>
    public static IReadOnlyList<string> TimeZoneIds() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> AddressLines(string? address) =>
        (address ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>Letters and digits only: the prefix sits in file names, e-mail subjects and bank references.</summary>
    public static bool IsInvoicePrefix(string? prefix) =>
        prefix is { Length: > 0 and <= InvoicePrefixMaxLength } && prefix.All(char.IsAsciiLetterOrDigit);

    /// <summary>An absolute http(s) address with a host and nothing after the path (links are built on it).</summary>
    public static bool IsBaseUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);

    public static bool IsTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _);

    /// <summary>Checks every field; throws with a message per field that is wrong (nothing is trimmed to fit).</summary>
    public static void Validate(AgencySettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var validation = new Validation()
            .Required(nameof(input.Name), input.Name, "Agency name", NameMaxLength)
            .Email(nameof(input.Email), input.Email, "E-mail")
            .Check((input.Email?.Trim().Length ?? 0) <= EmailMaxLength, nameof(input.Email), $"E-mail must be at most {EmailMaxLength} characters.")
            .Check((input.Address?.Trim().Length ?? 0) <= AddressMaxLength, nameof(input.Address), $"The address must be at most {AddressMaxLength} characters.")
            .Check(AddressLines(input.Address).Count <= AddressMaxLines, nameof(input.Address), $"The address has at most {AddressMaxLines} lines.")
            .Check((input.Phone?.Trim().Length ?? 0) <= PhoneMaxLength, nameof(input.Phone), $"Phone must be at most {PhoneMaxLength} characters.")
            .Check((input.PaymentInstructions?.Trim().Length ?? 0) <= PaymentInstructionsMaxLength, nameof(input.PaymentInstructions),
                $"Payment instructions must be at most {PaymentInstructionsMaxLength} characters.")
            .Range(nameof(input.DefaultPaymentTermsDays), input.DefaultPaymentTermsDays, 0, MaxPaymentTermsDays,
                $"Payment terms must be between 0 and {MaxPaymentTermsDays} days.")
            .Range(nameof(input.DefaultTaxRateBasisPoints), input.DefaultTaxRateBasisPoints, 0, 10_000, "The tax rate must be between 0% and 100%.")
            .Check(IsInvoicePrefix(input.InvoicePrefix?.Trim()), nameof(input.InvoicePrefix),
                $"The invoice prefix is 1 to {InvoicePrefixMaxLength} letters or digits (it becomes e.g. INV-2026-0001).")
            .Check(IsTimeZone(input.TimeZoneId), nameof(input.TimeZoneId), "Choose a time zone from the list.")
            .Check(Currencies.Contains(input.Currency?.Trim().ToUpperInvariant() ?? string.Empty, StringComparer.Ordinal), nameof(input.Currency),
                "Choose a currency from the list (a three-letter ISO code such as USD).")
            .Check(IsBaseUrl(input.PortalBaseUrl), nameof(input.PortalBaseUrl), "The portal address is a full http:// or https:// address, such as https://portal.example.com.")
            .Check((input.PortalBaseUrl?.Trim().Length ?? 0) <= BaseUrlMaxLength, nameof(input.PortalBaseUrl), $"The portal address must be at most {BaseUrlMaxLength} characters.");
        foreach (var (field, value) in BankFields(input))
        {
            validation.Check((value?.Trim().Length ?? 0) <= BankFieldMaxLength, field, $"This must be at most {BankFieldMaxLength} characters.");
        }

        var iban = Compact(input.BankIban);
        validation.Check(iban.Length == 0 || IsIban(iban), nameof(input.BankIban), "That IBAN does not check out: look for a mistyped character.");
        var bic = Compact(input.BankBic);
        validation.Check(bic.Length == 0 || IsBic(bic), nameof(input.BankBic), "A BIC / SWIFT code is 8 or 11 letters and digits.");
        validation.ThrowIfInvalid();
    }

    public static IEnumerable<(string Field, string? Value)> BankFields(AgencySettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        yield return (nameof(input.BankName), input.BankName);
        yield return (nameof(input.BankAccountHolder), input.BankAccountHolder);
        yield return (nameof(input.BankAccountNumber), input.BankAccountNumber);
        yield return (nameof(input.BankRoutingNumber), input.BankRoutingNumber);
        yield return (nameof(input.BankIban), input.BankIban);
        yield return (nameof(input.BankBic), input.BankBic);
    }

    /// <summary>Spaces out, upper case: how an IBAN or BIC is compared and checked.</summary>
    public static string Compact(string? value) =>
        new((value ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());

    /// <summary>ISO 13616: country, check digits, then the account; the whole reads 1 modulo 97.</summary>
    public static bool IsIban(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        if (iban.Length is < 15 or > 34 || !iban.All(char.IsAsciiLetterOrDigit)
            || !char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            return false;
        }

        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }

        return remainder == 1;
    }

    public static bool IsBic(string bic)
    {
        ArgumentNullException.ThrowIfNull(bic);
        return bic.Length is 8 or 11 && bic[..6].All(char.IsAsciiLetter) && bic[6..].All(char.IsAsciiLetterOrDigit);
    }
}
