using System.Globalization;
using System.Text.RegularExpressions;

namespace KtPortal.Domain.TimeTracking;

/// <summary>
/// Reads durations the way staff type them: <c>1:30</c>, <c>1.5h</c>, <c>90m</c>, <c>1h 30m</c>, or a bare number of
/// hours (<c>2</c>, <c>0.25</c>). Hours may use a comma for the decimal point. Fractions round to the nearest minute.
/// </summary>
public static partial class DurationParser
{
    public const string Hint = "Use hours and minutes like 1:30, 1.5h or 90m.";

    /// <summary>A time entry's duration: 1 minute to 24 hours.</summary>
    public static bool TryParse(string? text, out int minutes, out string error)
    {
        if (!TryParseAnyLength(text, out minutes, out error))
        {
            return false;
        }

        if (minutes < TimeEntry.MinMinutes || minutes > TimeEntry.MaxMinutes)
        {
            minutes = 0;
            error = "A time entry is 1 minute to 24 hours.";
            return false;
        }

        return true;
    }

    /// <summary>Any length of time in the same notations (estimates can run past a day); the caller checks the range.</summary>
    public static bool TryParseAnyLength(string? text, out int minutes, out string error)
    {
        minutes = 0;
        error = string.Empty;
        var value = (text ?? string.Empty).Trim().ToLowerInvariant().Replace(',', '.');
        if (value.Length == 0)
        {
            error = "Duration is required. " + Hint;
            return false;
        }

        decimal total;
        Match match;
        if ((match = Clock().Match(value)).Success)
        {
            var mins = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (mins >= 60)
            {
                error = "Minutes after the colon must be 0–59. " + Hint;
                return false;
            }

            total = decimal.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) * 60 + mins;
        }
        else if ((match = Units().Match(value)).Success && (match.Groups["h"].Success || match.Groups["m"].Success))
        {
            total = (match.Groups["h"].Success ? decimal.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) * 60 : 0)
                + (match.Groups["m"].Success ? decimal.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0);
        }
        else if ((match = BareHours().Match(value)).Success)
        {
            total = decimal.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) * 60;
        }
        else
        {
            error = $"\"{text!.Trim()}\" is not a duration. {Hint}";
            return false;
        }

        minutes = (int)Math.Round(total, MidpointRounding.AwayFromZero);
        return true;
    }

    [GeneratedRegex(@"^(?<h>\d{1,2}):(?<m>\d{2})$", RegexOptions.NonBacktracking)]
    private static partial Regex Clock();

    [GeneratedRegex(@"^(?:(?<h>\d{1,3}(?:\.\d{1,4})?)\s*(?:h|hr|hrs|hour|hours))?\s*(?:(?<m>\d{1,4}(?:\.\d{1,2})?)\s*(?:m|min|mins|minute|minutes))?$", RegexOptions.NonBacktracking)]
    private static partial Regex Units();

    [GeneratedRegex(@"^(?<h>\d{1,3}(?:\.\d{1,4})?)$", RegexOptions.NonBacktracking)]
    private static partial Regex BareHours();
}
