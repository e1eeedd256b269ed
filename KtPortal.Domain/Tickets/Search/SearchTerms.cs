using System.Globalization;
using System.Text;

namespace KtPortal.Domain.Tickets.Search;

/// <summary>
/// What a person typed into a search box, taken apart into words the full-text indexes understand. Words are runs of
/// letters and digits, the same rule as the SQLite index's unicode61 tokenizer, so "e-mail" is "e" and "mail"; every
/// other character only separates words. Nothing typed ever reaches the index as syntax: each word is quoted, which is
/// why no quote, star, NEAR or column filter a person types can change the query (and no regex is involved).
/// </summary>
public sealed class SearchTerms
{
    /// <summary>More words than this add nothing but cost; the rest are ignored (each word narrows the results anyway).</summary>
    public const int MaxWords = 8;

    /// <summary>Longer "words" are pasted tokens or hashes; their first 40 characters identify them as well.</summary>
    public const int MaxWordLength = 40;

    /// <summary>A search box accepts this much; longer text is cut here before it is even split.</summary>
    public const int MaxInputLength = 200;

    /// <summary>The shortest last word searched as a prefix: one or two letters would match half the index.</summary>
    public const int MinPrefixLength = 3;

    private SearchTerms(string text, IReadOnlyList<string> words, bool lastIsPrefix, int? ticketNumber)
    {
        Text = text;
        Words = words;
        LastIsPrefix = lastIsPrefix;
        TicketNumber = ticketNumber;
    }

    /// <summary>The text as typed, trimmed.</summary>
    public string Text { get; }

    /// <summary>The words, lower-cased, in order.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>True when the last word is still being typed: it matches any word it begins.</summary>
    public bool LastIsPrefix { get; }

    /// <summary>The ticket number when the text is one ("KT-1042", "kt 1042" or "1042").</summary>
    public int? TicketNumber { get; }

    public bool IsEmpty => Words.Count == 0;

    /// <summary>
    /// Splits <paramref name="text"/>. The last word is a prefix while it is being typed (no space after it) and has
    /// at least <see cref="MinPrefixLength"/> characters.
    /// </summary>
    public static SearchTerms Parse(string? text)
    {
        var raw = text ?? string.Empty;
        var trimmed = raw.Trim();
        var cut = trimmed.Length > MaxInputLength;
        if (cut)
        {
            trimmed = trimmed[..MaxInputLength];
        }

        var words = Split(trimmed, MaxWordLength);

        // A space typed after the last word means it is finished (raw text: the trimmed one has lost that space).
        var endsInWord = !cut && raw.Length > 0 && Rune.TryGetRuneAt(raw, LastRuneStart(raw), out var last) && Rune.IsLetterOrDigit(last);
        if (words.Count > MaxWords)
        {
            words.RemoveRange(MaxWords, words.Count - MaxWords);
            endsInWord = false;
        }

        var lastIsPrefix = endsInWord && words.Count > 0 && words[^1].Length >= MinPrefixLength;
        return new SearchTerms(trimmed, words, lastIsPrefix, ParseTicketNumber(trimmed));
    }

    /// <summary>
    /// The words as an SQLite FTS5 query: every word must appear ("a" AND "b"), each quoted, the last one as a prefix
    /// while it is being typed. Empty when there are no words.
    /// </summary>
    public string ToFts5Query()
    {
        var query = new StringBuilder();
        for (var i = 0; i < Words.Count; i++)
        {
            if (i > 0)
            {
                query.Append(" AND ");
            }

            query.Append('"').Append(Words[i]).Append('"');
            if (i == Words.Count - 1 && LastIsPrefix)
            {
                query.Append('*');
            }
        }

        return query.ToString();
    }

    /// <summary>The same query for SQL Server's CONTAINS / CONTAINSTABLE: "a" AND "b*".</summary>
    public string ToSqlServerQuery()
    {
        var query = new StringBuilder();
        for (var i = 0; i < Words.Count; i++)
        {
            if (i > 0)
            {
                query.Append(" AND ");
            }

            query.Append('"').Append(Words[i]).Append(i == Words.Count - 1 && LastIsPrefix ? "*\"" : "\"");
        }

        return query.ToString();
    }

    /// <summary>
    /// The words of <paramref name="text"/> as the SQLite index's unicode61 tokenizer sees them: runs of letters and
    /// digits, lower-cased, each cut at <paramref name="maxWordLength"/>. The one splitter for queries and for ranking.
    /// </summary>
    internal static List<string> Split(string text, int maxWordLength = int.MaxValue)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                if (current.Length < maxWordLength)
                {
                    current.Append(Rune.ToLowerInvariant(rune).ToString());
                }
            }
            else
            {
                Flush(words, current);
            }
        }

        Flush(words, current);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }

    private static int LastRuneStart(string text) =>
        text.Length >= 2 && char.IsLowSurrogate(text[^1]) && char.IsHighSurrogate(text[^2]) ? text.Length - 2 : text.Length - 1;

    private static int? ParseTicketNumber(string text)
    {
        if (Tickets.TicketNumber.TryParse(text, out var number))
        {
            return number;
        }

        // "kt 1042" and "1042" as well as "KT-1042".
        var digits = text.StartsWith("KT", StringComparison.OrdinalIgnoreCase) ? text[2..].TrimStart(' ', '-', '#') : text.TrimStart('#');
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0 ? number : null;
    }
}
