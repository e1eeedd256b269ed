using System.Globalization;
using System.Text;

namespace KtPortal.Domain.Estimation;

/// <summary>
/// Turns ticket text into comparable words: lower case, letters and digits only, common words dropped and a light
/// English suffix trim, so "Images broken" and "broken image" meet. Deliberately simple and language-agnostic
/// beyond that: the agency's tickets are short and repetitive, and the weighting (TF-IDF) does the rest.
/// </summary>
public static class TextTokenizer
{
    /// <summary>Descriptions beyond this many characters add little and cost time; the start says what is wanted.</summary>
    public const int MaxCharacters = 4000;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
        "but", "by", "can", "could", "do", "does", "for", "from", "get", "got", "has", "have", "hello", "hi", "how", "i",
        "if", "in", "into", "is", "it", "its", "just", "keep", "know", "let", "like", "me", "more", "my", "need", "needs",
        "no", "not", "now", "of", "on", "or", "our", "out", "please", "posted", "regards", "should", "so", "some", "thank",
        "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "up", "us", "was", "we",
        "were", "what", "when", "which", "while", "who", "will", "with", "would", "you", "your", "via", "through", "reported",
        "portal", "team",
    };

    public static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var span = text.AsSpan(0, Math.Min(text.Length, MaxCharacters));
        var word = new StringBuilder();
        foreach (var c in span)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else
            {
                Flush(word, tokens);
            }
        }

        Flush(word, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length == 0)
        {
            return;
        }

        var token = word.ToString();
        word.Clear();
        if (token.Length < 2 || StopWords.Contains(token))
        {
            return;
        }

        tokens.Add(Stem(token));
    }

    /// <summary>Trims plural and verb endings ("images" → "image", "sending" → "send", "failed" → "fail").</summary>
    internal static string Stem(string token)
    {
        if (token.Length > 5 && token.EndsWith("ing", StringComparison.Ordinal))
        {
            return token[..^3];
        }

        if (token.Length > 4 && token.EndsWith("ed", StringComparison.Ordinal))
        {
            return token[..^2];
        }

        if (token.Length > 4 && token.EndsWith("ies", StringComparison.Ordinal))
        {
            return token[..^3] + "y";
        }

        if (token.Length > 3 && token.EndsWith('s') && !token.EndsWith("ss", StringComparison.Ordinal))
        {
            return token[..^1];
        }

        return token;
    }
}
