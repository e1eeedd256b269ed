using System.Globalization;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using SkiaSharp;

namespace KtPortal.Domain.Invoices.Rendering;

/// <summary>The layout of an invoice: where each piece of text goes, page by page.</summary>
internal sealed class InvoiceComposer(InvoiceDocument invoice)
{
    private const float Margin = 48;
    private const float Right = InvoiceRenderer.PageWidth - Margin;
    private const float Bottom = InvoiceRenderer.PageHeight - 64;
    private const float BodySize = 9.5f;
    private const float LineGap = 4;

    // Line table columns: description, hours/quantity, unit price, amount (right edges for the numbers).
    private const float QuantityRight = 392;
    private const float PriceRight = 478;
    private const float DescriptionWidth = 290;

    private static readonly SKColor Ink = new(0x21, 0x25, 0x29);
    private static readonly SKColor Muted = new(0x6c, 0x75, 0x7d);
    private static readonly SKColor Rule = new(0xce, 0xd4, 0xda);
    private static readonly SKColor Accent = new(0x1f, 0x4e, 0x79);

    private readonly List<InvoicePage> _pages = [];
    private InvoicePage _page = null!;
    private float _y;

    public void ComposeInvoice()
    {
        NewPage(first: true);
        Header();
        Parties();
        Text(invoice.Title, Margin, _y, Bold(12), Ink);
        _y += 22;
        LineTable();
        Totals();
        PaymentBlock();
        if (!string.IsNullOrWhiteSpace(invoice.Notes))
        {
            Paragraph("Notes", invoice.Notes);
        }
    }

    public void ComposeStatement()
    {
        NewPage(first: false);
        var period = invoice.Period is { } p ? BillingText.Range(p) : string.Empty;
        Text("Hours statement", Margin, _y, Bold(14), Accent);
        _y += 18;
        Text($"{period}{(invoice.PlanName is null ? string.Empty : $" · {invoice.PlanName}")} · every ticket with time in the period", Margin, _y, Regular(BodySize), Muted);
        _y += 22;
        string[] headings = ["Ticket", "Logged", "Charged", "From plan", "Overage", "Out of plan"];
        // Number columns laid out from the right edge, each as wide as its heading or its widest figure, with a gap
        // between them, so headings never run together whatever the font measures.
        const float ColumnGap = 14;
        var rights = new float[headings.Length];
        rights[^1] = Right;
        for (var i = headings.Length - 1; i > 1; i--)
        {
            rights[i - 1] = rights[i] - ColumnWidth(headings[i]) - ColumnGap;
        }

        var titleWidth = rights[1] - ColumnWidth(headings[1]) - ColumnGap - Margin;
        float ColumnWidth(string heading) => Math.Max(Bold(BodySize).MeasureText(heading), Bold(BodySize).MeasureText("000.00"));
        void Headings()
        {
            Text(headings[0], Margin, _y, Bold(BodySize), Muted);
            for (var i = 1; i < headings.Length; i++)
            {
                Text(headings[i], rights[i], _y, Bold(BodySize), Muted, SKTextAlign.Right);
            }

            _y += 6;
            HorizontalRule(_y);
            _y += 14;
        }

        Headings();
        foreach (var row in invoice.HoursStatement)
        {
            var title = Wrap($"{Tickets.TicketNumber.Format(row.TicketNumber)} {row.Title}{(row.Covered ? string.Empty : " (not covered)")}", Regular(BodySize), titleWidth);
            var height = title.Count * (BodySize + LineGap) + 4;
            if (_y + height > Bottom)
            {
                NewPage(first: false);
                Headings();
            }

            WrappedLines(title, Margin, Regular(BodySize), Ink);
            string[] values = [Hours.FormatFixed(row.LoggedMinutes), Hours.FormatFixed(row.ChargedMinutes), Hours.FormatFixed(row.FromPlanMinutes), Hours.FormatFixed(row.OverageMinutes), Hours.FormatFixed(row.OutOfPlanMinutes)];
            for (var i = 0; i < values.Length; i++)
            {
                Text(values[i], rights[i + 1], _y, Regular(BodySize), Ink, SKTextAlign.Right);
            }

            _y += height;
        }

        HorizontalRule(_y - 8);
        _y += 6;
        var s = invoice.HoursStatement;
        Text("Total", Margin, _y, Bold(BodySize), Ink);
        int[] sums = [s.Sum(r => r.LoggedMinutes), s.Sum(r => r.ChargedMinutes), s.Sum(r => r.FromPlanMinutes), s.Sum(r => r.OverageMinutes), s.Sum(r => r.OutOfPlanMinutes)];
        for (var i = 0; i < sums.Length; i++)
        {
            Text(Hours.FormatFixed(sums[i]), rights[i + 1], _y, Bold(BodySize), Ink, SKTextAlign.Right);
        }

        _y += 24;
        Paragraph(
            "How to read this",
            "Charged time includes the one-hour minimum per ticket. Covered time is taken from the plan's hours first; what goes beyond them is overage. " +
            "Time on tickets the plan does not cover is out of plan. Overage and out-of-plan time are the lines of this invoice.");
    }

    public IReadOnlyList<InvoicePage> Finish()
    {
        var count = _pages.Count;
        var watermark = invoice.Status switch
        {
            InvoiceStatus.Draft => "DRAFT",
            InvoiceStatus.Paid => "PAID",
            InvoiceStatus.Void => "VOID",
            InvoiceStatus.Credited => "CREDITED",
            _ => null,
        };
        for (var i = 0; i < count; i++)
        {
            var number = i + 1;
            _pages[i].Add(c => DrawText(c, $"{invoice.DisplayNumber} · page {number} of {count}", Right, InvoiceRenderer.PageHeight - 32, Regular(8), Muted, SKTextAlign.Right));
            _pages[i].Add(c => DrawText(c, invoice.Agency.Name, Margin, InvoiceRenderer.PageHeight - 32, Regular(8), Muted, SKTextAlign.Left));
            if (watermark is not null)
            {
                _pages[i].Add(c => Watermark(c, watermark));
            }
        }

        return _pages;
    }

    private void Header()
    {
        var agency = invoice.Agency;
        Text("INVOICE", Right, _y, Bold(20), Ink, SKTextAlign.Right);
        if (invoice.Logo is { } logo && LogoRect(logo, Margin, _y - 14) is { } rect)
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

        Text(invoice.DisplayNumber, Right, numberY, Bold(11), Ink, SKTextAlign.Right);
        Text(invoice.Status.ToString(), Right, numberY + 14, Regular(BodySize), Muted, SKTextAlign.Right);
        _y = Math.Max(_y, numberY + 14) + 14;
        HorizontalRule(_y);
        _y += 22;
    }

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

    private void Parties()
    {
        var top = _y;
        Text("BILL TO", Margin, _y, Bold(8), Muted);
        _y += 14;
        Text(invoice.ClientName, Margin, _y, Bold(11), Ink);
        _y += 14;
        if (!string.IsNullOrWhiteSpace(invoice.BillingEmail))
        {
            Text(invoice.BillingEmail, Margin, _y, Regular(BodySize), Muted);
            _y += 14;
        }

        var details = InvoiceWording.Details(invoice);
        var rowY = top;
        foreach (var (label, value) in details)
        {
            Text(label, 380, rowY, Regular(BodySize), Muted);
            Text(value, Right, rowY, Bold(BodySize), Ink, SKTextAlign.Right);
            rowY += 14;
        }

        _y = Math.Max(_y, rowY) + 18;
    }

    private void LineTable()
    {
        void Headings()
        {
            Text("Description", Margin, _y, Bold(BodySize), Muted);
            Text("Hours / qty", QuantityRight, _y, Bold(BodySize), Muted, SKTextAlign.Right);
            Text("Unit price", PriceRight, _y, Bold(BodySize), Muted, SKTextAlign.Right);
            Text("Amount", Right, _y, Bold(BodySize), Muted, SKTextAlign.Right);
            _y += 6;
            HorizontalRule(_y);
            _y += 14;
        }

        Headings();
        foreach (var line in invoice.Lines)
        {
            var wrapped = Wrap(line.Description, Regular(BodySize), DescriptionWidth);
            var height = wrapped.Count * (BodySize + LineGap) + 6;
            if (_y + height > Bottom)
            {
                NewPage(first: false);
                Headings();
            }

            WrappedLines(wrapped, Margin, Regular(BodySize), Ink);
            Text(InvoiceWording.Quantity(line), QuantityRight, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            Text(InvoiceWording.UnitPrice(line, invoice.Currency), PriceRight, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            Text(Money.Format(line.AmountMinor, invoice.Currency), Right, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            _y += height;
        }

        HorizontalRule(_y - 8);
        _y += 8;
    }

    private void Totals()
    {
        if (_y + 70 > Bottom)
        {
            NewPage(first: false);
        }

        var rows = InvoiceWording.Totals(invoice);
        foreach (var (label, value, strong) in rows)
        {
            var font = strong ? Bold(12) : Regular(BodySize + 0.5f);
            Text(label, PriceRight, _y, font, strong ? Ink : Muted, SKTextAlign.Right);
            Text(value, Right, _y, font, Ink, SKTextAlign.Right);
            _y += strong ? 20 : 15;
        }

        _y += 14;
    }

    private void PaymentBlock()
    {
        switch (invoice.Status)
        {
            case InvoiceStatus.Paid:
                var paid = invoice.PaidAtUtc is { } at ? $" on {BillingText.Date(DateOnly.FromDateTime(at))}" : string.Empty;
                Paragraph("Payment", $"Paid in full{paid}{(invoice.PaidVia == PaymentMethod.Stripe ? " by card (Stripe)" : string.Empty)}. Thank you.");
                break;
            case InvoiceStatus.Credited:
                Paragraph("Credited", $"Credit notes took back this invoice in full ({string.Join(", ", invoice.CreditNotes.Select(n => n.Number))}). Nothing is due.");
                break;
            case InvoiceStatus.Void:
                Paragraph("Void", $"This invoice was voided and is not payable. {invoice.VoidReason}");
                break;
            default:
                foreach (var (heading, lines) in InvoiceWording.HowToPay(invoice))
                {
                    Paragraph(heading, string.Join('\n', lines));
                }

                break;
        }
    }

    private void Paragraph(string heading, string body)
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

    private void NewPage(bool first)
    {
        _page = new InvoicePage();
        _pages.Add(_page);
        _y = Margin + 12;
        if (!first)
        {
            Text($"{invoice.Agency.Name} · invoice {invoice.DisplayNumber} · {invoice.ClientName}", Margin, _y, Regular(8), Muted);
            _y += 24;
        }
    }

    private void WrappedLines(IReadOnlyList<string> lines, float x, SKFont font, SKColor color)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            Text(lines[i], x, _y + i * (BodySize + LineGap), font, color);
        }
    }

    private void Text(string text, float x, float atY, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left) =>
        _page.Add(c => DrawText(c, text, x, atY, font, color, align));

    private void HorizontalRule(float atY) => _page.Add(c =>
    {
        using var paint = new SKPaint { Color = Rule, StrokeWidth = 0.75f, IsAntialias = true };
        c.DrawLine(Margin, atY, Right, atY, paint);
    });

    private static void DrawText(SKCanvas canvas, string text, float x, float _y, SKFont font, SKColor color, SKTextAlign align)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, _y, align, font, paint);
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

    private static SKFont Regular(float size) => InvoiceFonts.Get(bold: false, size);

    private static SKFont Bold(float size) => InvoiceFonts.Get(bold: true, size);
}
