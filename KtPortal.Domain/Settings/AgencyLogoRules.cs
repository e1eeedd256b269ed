using SkiaSharp;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Settings;

/// <summary>
/// What a logo may be: a PNG or JPEG (never SVG, which can carry script), read by its bytes rather than its name, that
/// decodes whole, within a size that keeps invoices and e-mails light.
/// </summary>
public static class AgencyLogoRules
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const int MaxBytes = 512 * 1024;
    public const int MaxSide = 4000;
    public const int MinSide = 16;
    public const string Field = "Logo";

    public sealed record CheckedLogo(string ContentType, int Width, int Height);

    public static CheckedLogo Check(byte[] content, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = fileName?.Trim() ?? string.Empty;
        if (content.Length == 0)
        {
            throw new ValidationFailedException(Field, "That file is empty.");
        }

        if (content.Length > MaxBytes)
        {
            throw new ValidationFailedException(Field, $"The logo is {Size(content.Length)}; the most is {Size(MaxBytes)}. Save it smaller or as a JPEG.");
        }

        var contentType = Sniff(content);
        if (contentType is null)
        {
            var svg = name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);
            throw new ValidationFailedException(Field, svg
                ? "SVG logos are not accepted (they can carry script): upload a PNG or JPEG."
                : "That file is not a PNG or JPEG image.");
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        using var bitmap = codec is null ? null : SKBitmap.Decode(codec);
        if (codec is null || bitmap is null)
        {
            throw new ValidationFailedException(Field, "That image is damaged and cannot be read.");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width > MaxSide || height > MaxSide || width < MinSide || height < MinSide)
        {
            throw new ValidationFailedException(Field, $"The logo is {width} × {height} px; each side must be {MinSide}–{MaxSide} px.");
        }

        return new CheckedLogo(contentType, width, height);
    }

    /// <summary>"84 KB", "1.2 MB".</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (bytes + 1023) / 1024)} KB"
        : (bytes / (1024d * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    private static string? Sniff(byte[] content) =>
        content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : null;
}
