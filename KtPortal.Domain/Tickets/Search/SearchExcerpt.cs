using System.Text;

namespace KtPortal.Domain.Tickets.Search;

/// <summary>A short piece of a long text around the first searched word in it, on one line.</summary>
public static class SearchExcerpt
{
    public const int Length = 160;

    /// <summary>
    /// The text around the earliest of <paramref name="words"/> found (case-insensitive), with "…" where it was cut;
    /// the start of the text when none is found (a word matched through accents folded by the index, say).
    /// </summary>
    public static string Around(string text, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        var flat = Flatten(text);
        var first = -1;
        foreach (var word in words)
        {
            var at = flat.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (flat.Length <= Length)
        {
            return flat;
        }

        var start = Math.Max(0, Math.Min(first - (Length / 4), flat.Length - Length));
        if (start > 0)
        {
            var space = flat.IndexOf(' ', start);
            start = space >= 0 && space < start + 20 ? space + 1 : start;
        }

        var end = Math.Min(flat.Length, start + Length);
        return (start > 0 ? "…" : string.Empty) + flat[start..end].TrimEnd() + (end < flat.Length ? "…" : string.Empty);
    }

    /// <summary>Line breaks and runs of spaces become one space: an excerpt is one line.</summary>
    private static string Flatten(string text)
    {
        var flat = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = flat.Length > 0;
                continue;
            }

            if (space)
            {
                flat.Append(' ');
                space = false;
            }

            flat.Append(c);
        }

        return flat.ToString();
    }
}
