using PublicHoliday;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>The countries whose national holidays the PublicHoliday library knows and the settings offer, by code.</summary>
public static class HolidayCountries
{
    private static readonly IReadOnlyDictionary<string, (string Name, Func<IPublicHolidays> Create)> Known =
        new Dictionary<string, (string, Func<IPublicHolidays>)>(StringComparer.Ordinal)
        {
            ["US"] = ("United States", () => new USAPublicHoliday()),
            ["CA"] = ("Canada", () => new CanadaPublicHoliday()),
            ["GB"] = ("United Kingdom (England and Wales)", () => new UKBankHoliday()),
            ["IE"] = ("Ireland", () => new IrelandPublicHoliday()),
            ["AU"] = ("Australia", () => new AustraliaPublicHoliday()),
            ["NZ"] = ("New Zealand", () => new NewZealandPublicHoliday()),
            ["DE"] = ("Germany", () => new GermanPublicHoliday()),
            ["FR"] = ("France", () => new FrancePublicHoliday()),
            ["NL"] = ("Netherlands", () => new DutchPublicHoliday()),
            ["ES"] = ("Spain", () => new SpainPublicHoliday()),
            ["IT"] = ("Italy", () => new ItalyPublicHoliday()),
            ["ZA"] = ("South Africa", () => new SouthAfricaPublicHoliday()),
        };

    /// <summary>Code and name, by name, for a picker.</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } = [.. Known.Select(k => (k.Key, k.Value.Name)).OrderBy(k => k.Name, StringComparer.Ordinal)];

    public static bool IsKnown(string code) => Known.ContainsKey(code);

    /// <summary>The country's holidays, or null for an empty or unknown code (no national holidays).</summary>
    public static IPublicHolidays? For(string? code) => code is not null && Known.TryGetValue(code, out var known) ? known.Create() : null;

    public static string NameOf(string? code) => code is not null && Known.TryGetValue(code, out var known) ? known.Name : "None";
}
