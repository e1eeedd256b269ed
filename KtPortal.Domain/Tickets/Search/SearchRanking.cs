using System.Globalization;
using System.Text;

namespace KtPortal.Domain.Tickets.Search;

/// <summary>
/// How well a ticket's text answers the words, computed here for the few hundred candidates the index returns. SQLite's
/// bm25() would first count every row holding each word to weigh rare words up: 4 ms for a word on 66,000 tickets and
/// 17 ms for a prefix, per keystroke. Among a few hundred recent matches of the same words that weight changes little,
/// so this is BM25's term-frequency part with the lengths saturated: a word in the title counts ten times one in the
/// description; several mentions count more than one, with diminishing returns; a short text that is all about the
/// word beats a long one that mentions it once. The same on SQLite and SQL Server.
/// </summary>
public static class SearchRanking
{
    public const double TitleWeight = 10.0;
    public const double DescriptionWeight = 1.0;

    /// <summary>A reply's match counts half a description's: the ticket's own words say what it is about.</summary>
    public const double ReplyWeight = 0.5;

    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double TypicalTitleWords = 6;
    private const double TypicalTextWords = 40;

    /// <summary>The score of a ticket's own text: title and description.</summary>
    public static double OfTicket(SearchTerms terms, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return (TitleWeight * OfField(terms, title, TypicalTitleWords)) + (DescriptionWeight * OfField(terms, description, TypicalTextWords));
    }

    /// <summary>The score of a reply or note, already weighted against the ticket's own text.</summary>
    public static double OfReply(SearchTerms terms, string body)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return ReplyWeight * OfField(terms, body, TypicalTextWords);
    }

    /// <summary>True when any of the words (the last as a prefix while typed) is in the text.</summary>
    public static bool Mentions(SearchTerms terms, string text)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return OfField(terms, text, TypicalTitleWords) > 0;
    }

    private static double OfField(SearchTerms terms, string text, double typicalLength)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0)
        {
            return 0;
        }

        var words = terms.Words.Select(Fold).ToList();
        var score = 0.0;
        for (var i = 0; i < words.Count; i++)
        {
            var prefix = terms.LastIsPrefix && i == words.Count - 1;
            var frequency = tokens.Count(t => prefix ? t.StartsWith(words[i], StringComparison.Ordinal) : t == words[i]);
            if (frequency > 0)
            {
                score += frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * tokens.Count / typicalLength))));
            }
        }

        return score;
    }

    /// <summary>Words as the index's tokenizer sees them (<see cref="SearchTerms.Split"/>), accents removed.</summary>
    internal static List<string> Tokens(string text) => SearchTerms.Split(text).ConvertAll(Fold);

    /// <summary>"café" → "cafe", as the index's remove_diacritics does.</summary>
    private static string Fold(string word)
    {
        if (word.All(char.IsAscii))
        {
            return word;
        }

        var folded = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
