using SkiaSharp;

namespace KtPortal.Domain.Invoices.Rendering;

/// <summary>The fonts shipped inside the assembly (never the system's), loaded once.</summary>
internal static class InvoiceFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("OpenSans-Regular.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("OpenSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    // A handful of sizes are used; the fonts are only read (measured, drawn), never changed, so they are shared.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(bool Bold, float Size), SKFont> Fonts = new();

    public static SKFont Get(bool bold, float size) =>
        Fonts.GetOrAdd((bold, size), key => new SKFont(key.Bold ? Bold : Regular, key.Size));

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(InvoiceFonts).Assembly.GetManifestResourceStream($"KtPortal.Fonts.{file}")
            ?? throw new InvalidOperationException($"The font {file} is missing from the assembly.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {file} could not be read.");
    }
}
