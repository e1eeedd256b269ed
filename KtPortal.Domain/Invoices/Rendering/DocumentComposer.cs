using KtPortal.Domain.Common;
using SkiaSharp;

namespace KtPortal.Domain.Invoices.Rendering;

/// <summary>
/// What every document the agency sends shares (invoice, credit note, statement): the letterhead with the logo, the
/// fonts and colours, wrapped text, rules, paragraphs, the running head on later pages, the footer and the watermark.
/// Each document lays out its own body on top, so they all look like one family.
/// </summary>
internal abstract class DocumentComposer
{
    protected const float Margin = 48;
    protected const float Right = InvoiceRenderer.PageWidth - Margin;
    protected const float Bottom = InvoiceRenderer.PageHeight - 64;
    protected const float BodySize = 9.5f;
    protected const float LineGap = 4;

    protected static readonly SKColor Ink = new(0x21, 0x25, 0x29);
    protected static readonly SKColor Muted = new(0x6c, 0x75, 0x7d);
    protected static readonly SKColor Rule = new(0xce, 0xd4, 0xda);
    protected static readonly SKColor Accent = new(0x1f, 0x4e, 0x79);

    private readonly List<InvoicePage> _pages = [];
    private InvoicePage _page = null!;

    /// <summary>Where the next line of text goes on the current page (its baseline).</summary>
    protected float _y;

    /// <summary>The small line at the top of every page after the first: who, what and for whom.</summary>
    protected abstract string RunningHead { get; }

    /// <summary>The agency (logo, name, address) on the left, the document's word, number and state on the right.</summary>
    protected void Letterhead(AgencyProfile agency, byte[]? logo, string word, string number, string state)
    {
        Text(word, Right, _y, Bold(20), Ink, SKTextAlign.Right);
        if (logo is not null && LogoRect(logo, Margin, _y - 14) is { } rect)
        {
            _page.Add(c => DrawLogo(c, logo, rect));
            _y += rect.Height + 6;
        }

        Text(agency.Name, Margin, _y, Bold(16), Accent);
        _y += 16;
        var numberY = _y;
        var contact = agency.AddressLines.Append(agency.Email);
        if (!string.IsNullOrWhiteSpace(agency.Phone))
        {
            contact = contact.Append(agency.Phone);
        }

        foreach (var line in contact)
        {
            Text(line, Margin, _y, Regular(BodySize), Muted);
            _y += BodySize + LineGap;
        }

        Text(number, Right, numberY, Bold(11), Ink, SKTextAlign.Right);
        Text(state, Right, numberY + 14, Regular(BodySize), Muted, SKTextAlign.Right);
        _y = Math.Max(_y, numberY + 14) + 14;
        HorizontalRule(_y);
        _y += 22;
    }

    /// <summary>The footer of every page ("CN-2026-0001 · page 1 of 2", the agency) and the watermark, if any.</summary>
    protected IReadOnlyList<InvoicePage> Finish(string number, string agencyName, string? watermark)
    {
        var count = _pages.Count;
        for (var i = 0; i < count; i++)
        {
            var pageNumber = i + 1;
            _pages[i].Add(c => DrawText(c, $"{number} · page {pageNumber} of {count}", Right, InvoiceRenderer.PageHeight - 32, Regular(8), Muted, SKTextAlign.Right));
            _pages[i].Add(c => DrawText(c, agencyName, Margin, InvoiceRenderer.PageHeight - 32, Regular(8), Muted, SKTextAlign.Left));
            if (watermark is not null)
            {
                _pages[i].Add(c => Watermark(c, watermark));
            }
        }

        return _pages;
    }

    /// <summary>"Bill to" on the left, the document's facts (label, value) on the right.</summary>
    protected void Parties(string heading, string name, string? email, IReadOnlyList<(string Label, string Value)> details)
    {
        var top = _y;
        Text(heading, Margin, _y, Bold(8), Muted);
        _y += 14;
        Text(name, Margin, _y, Bold(11), Ink);
        _y += 14;
        if (!string.IsNullOrWhiteSpace(email))
        {
            Text(email, Margin, _y, Regular(BodySize), Muted);
            _y += 14;
        }

        var rowY = top;
        foreach (var (label, value) in details)
        {
            Text(label, 380, rowY, Regular(BodySize), Muted);
            Text(value, Right, rowY, Bold(BodySize), Ink, SKTextAlign.Right);
            rowY += 14;
        }

        _y = Math.Max(_y, rowY) + 18;
    }

    protected void Paragraph(string heading, string body)
    {
        var lines = body.Split('\n').SelectMany(part => Wrap(part.Trim(), Regular(BodySize), Right - Margin)).ToList();
        if (_y + 16 + lines.Count * (BodySize + LineGap) > Bottom)
        {
            NewPage(first: false);
        }

        Text(heading, Margin, _y, Bold(10), Ink);
        _y += 14;
        WrappedLines(lines, Margin, Regular(BodySize), Ink);
        _y += lines.Count * (BodySize + LineGap) + 10;
    }

    protected void NewPage(bool first)
    {
        _page = new InvoicePage();
        _pages.Add(_page);
        _y = Margin + 12;
        if (!first)
        {
            Text(RunningHead, Margin, _y, Regular(8), Muted);
            _y += 24;
        }
    }

    protected void WrappedLines(IReadOnlyList<string> lines, float x, SKFont font, SKColor color)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            Text(lines[i], x, _y + i * (BodySize + LineGap), font, color);
        }
    }

    protected void Text(string text, float x, float atY, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left) =>
        _page.Add(c => DrawText(c, text, x, atY, font, color, align));

    protected void HorizontalRule(float atY) => _page.Add(c =>
    {
        using var paint = new SKPaint { Color = Rule, StrokeWidth = 0.75f, IsAntialias = true };
        c.DrawLine(Margin, atY, Right, atY, paint);
    });

    /// <summary>Greedy word wrap by measured width; a word longer than the line is cut.</summary>
    internal static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : $"{current} {word}";
            if (font.MeasureText(candidate) <= width)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            current = word;
            while (font.MeasureText(current) > width && current.Length > 1)
            {
                var fit = current.Length - 1;
                while (fit > 1 && font.MeasureText(current[..fit]) > width)
                {
                    fit--;
                }

                lines.Add(current[..fit]);
                current = current[fit..];
            }
        }

        lines.Add(current);
        return lines;
    }

    protected static SKFont Regular(float size) => InvoiceFonts.Get(bold: false, size);

    protected static SKFont Bold(float size) => InvoiceFonts.Get(bold: true, size);

    /// <summary>Where the logo goes: at most 160 × 48 points, its proportions kept; null when it cannot be read.</summary>
    private static SKRect? LogoRect(byte[] logo, float left, float top)
    {
        using var data = SKData.CreateCopy(logo);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return null;
        }

        var scale = Math.Min(160f / codec.Info.Width, 48f / codec.Info.Height);
        return SKRect.Create(left, top, codec.Info.Width * scale, codec.Info.Height * scale);
    }

    private static void DrawLogo(SKCanvas canvas, byte[] logo, SKRect rect)
    {
        using var image = SKImage.FromEncodedData(logo);
        if (image is not null)
        {
            canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
    }

    private static void DrawText(SKCanvas canvas, string text, float x, float atY, SKFont font, SKColor color, SKTextAlign align)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, atY, align, font, paint);
    }

    private static void Watermark(SKCanvas canvas, string word)
    {
        using var paint = new SKPaint { Color = new SKColor(0xad, 0xb5, 0xbd, 0x55), IsAntialias = true };
        var font = InvoiceFonts.Get(bold: true, 110);
        canvas.Save();
        canvas.Translate(InvoiceRenderer.PageWidth / 2, InvoiceRenderer.PageHeight / 2);
        canvas.RotateDegrees(-35);
        canvas.DrawText(word, 0, 40, SKTextAlign.Center, font, paint);
        canvas.Restore();
    }
}
