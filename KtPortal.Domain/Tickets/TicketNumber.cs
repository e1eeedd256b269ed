using System.Globalization;

namespace KtPortal.Domain.Tickets;

/// <summary>Formats and parses the public ticket number, "KT-1042".</summary>
public static class TicketNumber
{
    public const string Prefix = "KT-";

    public static string Format(int number) => Prefix + number.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        return text is not null
            && text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}
