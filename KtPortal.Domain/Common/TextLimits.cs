namespace KtPortal.Domain.Common;

/// <summary>Fitting text into a column or a line: one rule each, so every list and e-mail cuts the same way.</summary>
public static class TextLimits
{
    /// <summary>At most <paramref name="max"/> characters, ending in "…" when something was cut (for people to read).</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    /// <summary>At most <paramref name="max"/> characters, cut hard (for machine fields); null becomes empty.</summary>
    public static string Cut(string? text, int max) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Length <= max ? text : text[..max];
}
