using KtPortal.Domain.Common;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Rendering;
using SkiaSharp;
using UglyToad.PdfPig;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>The PDF read back with PdfPig, and the PNG preview drawn by the same routine.</summary>
public sealed class InvoiceRendererTests
{
    private static readonly InvoiceRenderer Renderer = new();

    /// <summary>A two-line ad hoc invoice with 8.25 % tax (also the web summary's test invoice).</summary>
    internal static InvoiceDocument Invoice(
        int lineCount = 2, InvoiceStatus status = InvoiceStatus.Issued, InvoiceKind kind = InvoiceKind.AdHoc, IReadOnlyList<HoursStatementView>? statement = null)
    {
        var lines = Enumerable.Range(1, lineCount)
            .Select(i => i % 2 == 1
                ? new InvoiceLineView(i, $"KT-{1000 + i} Contact form not sending e-mails after the hosting move: Support (plan overage)", 90, null, 95_00, 142_50, 1000 + i)
                : new InvoiceLineView(i, "Premium plugin licence, renewal", null, 2, 49_50, 99_00, null))
            .ToList();
        var subtotal = lines.Sum(l => l.AmountMinor);
        var tax = BillingMath.Tax(subtotal, 825);
        return new InvoiceDocument(
            7, status == InvoiceStatus.Draft ? null : "INV-2026-0042", kind, status, "Website work, November", "Thank you for your business.",
            1, "Acme Dental", "billing@acme.test", "USD", new DateOnly(2026, 11, 24), new DateOnly(2026, 12, 8),
            new BillingPeriodRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)), "Basic Maintenance",
            lines, subtotal, 825, tax, subtotal + tax, statement ?? [], null, null, null, null, null, 0, Guid.NewGuid(), new AgencyProfile());
    }

    internal static string Text(byte[] pdf, out int pages)
    {
        using var document = PdfDocument.Open(pdf);
        pages = document.NumberOfPages;
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public void ShouldReadBackNumberLinesTaxAndTotal_FromThePdf()
    {
        var invoice = Invoice() with { PayOnline = true };

        var pdf = Renderer.RenderPdf(invoice);

        pdf.AsSpan(0, 5).ToArray().Should().Equal("%PDF-"u8.ToArray());
        var text = Text(pdf, out var pages);
        pages.Should().Be(1);
        text.Should().Contain("INV-2026-0042").And.Contain("Acme").And.Contain("Dental").And.Contain("KT-1001")
            .And.Contain("1.50").And.Contain("$142.50").And.Contain("$99.00")
            .And.Contain("$241.50").And.Contain("(8.25%)").And.Contain("$19.92").And.Contain("$261.42")
            .And.Contain("Nov 24, 2026").And.Contain("Dec 8, 2026").And.Contain("Pay online http://localhost:5000/invoices/7");
        invoice.TotalMinor.Should().Be(261_42);
    }

    [Fact]
    public void ShouldPrintTheBankDetailsWithTheReference_AndNoPayLink_WithoutOnlinePayment()
    {
        var text = Text(Renderer.RenderPdf(Invoice()), out _);
        var draft = Text(Renderer.RenderPdf(Invoice(status: InvoiceStatus.Draft) with { PayOnline = true }), out _);

        text.Should().Contain("Bank: Harbor Trust Bank").And.Contain("Routing number: 011000015").And.Contain("Reference to quote: INV-2026-0042");
        text.Should().NotContain("Pay online").And.NotContain("/invoices/7");
        draft.Should().NotContain("Pay online", "a draft is not payable, whatever the flag says").And.Contain("Bank: Harbor Trust Bank");
    }

    [Theory]
    [InlineData(InvoiceStatus.Draft, "DRAFT")]
    [InlineData(InvoiceStatus.Paid, "PAID")]
    [InlineData(InvoiceStatus.Void, "VOID")]
    public void ShouldWatermarkTheStatus(InvoiceStatus status, string watermark)
    {
        Watermark(Renderer.RenderPdf(Invoice(status: status))).Should().Be(watermark);
        Watermark(Renderer.RenderPdf(Invoice())).Should().BeEmpty("an issued, unpaid invoice has no watermark");
    }

    /// <summary>The big rotated letters, in drawing order (PdfPig splits rotated text into one-letter words).</summary>
    private static string Watermark(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPage(1).Letters.Where(l => l.PointSize > 50).Select(l => l.Value));
    }

    [Fact]
    public void ShouldContinueOnFurtherPagesWithEveryLineOnce_WhenThereAreFiftyLines()
    {
        var pdf = Renderer.RenderPdf(Invoice(lineCount: 50));

        var text = Text(pdf, out var pages);
        pages.Should().BeGreaterThan(1);
        for (var i = 1; i <= 49; i += 2)
        {
            text.Split($"KT-{1000 + i} ").Length.Should().Be(2, $"KT-{1000 + i} is printed once");
        }

        text.Should().Contain($"page {pages} of {pages}");
    }

    [Fact]
    public void ShouldEndAUsageInvoice_WithItsHoursStatementPage()
    {
        HoursStatementView[] statement =
        [
            new(1006, "Site slow after update", true, 420, 420, 420, 0, 0),
            new(1008, "Wordfence alert", true, 270, 270, 180, 90, 0),
            new(1002, "Booking widget", false, 120, 120, 0, 0, 120),
        ];

        var pdf = Renderer.RenderPdf(Invoice(kind: InvoiceKind.Usage, statement: statement));

        using var document = PdfDocument.Open(pdf);
        var last = string.Join(" ", document.GetPage(document.NumberOfPages).GetWords().Select(w => w.Text));
        document.NumberOfPages.Should().Be(2);
        last.Should().Contain("Hours").And.Contain("statement").And.Contain("KT-1008").And.Contain("4.50").And.Contain("3.00").And.Contain("1.50")
            .And.Contain("13.50", "the total logged");
    }

    [Fact]
    public void ShouldKeepTheStatementHeadingsApart_WithRoomBetweenEveryColumn()
    {
        var pdf = Renderer.RenderPdf(Invoice(kind: InvoiceKind.Usage, statement: [new(1002, "Booking widget", false, 120, 120, 0, 0, 120)]));

        using var document = PdfDocument.Open(pdf);
        var words = document.GetPage(document.NumberOfPages).GetWords().ToList();
        var headingLine = words.Where(w => w.Text == "Charged").Max(w => w.BoundingBox.Bottom); // the heading, above the "How to read this" text
        var headings = words.Where(w => Math.Abs(w.BoundingBox.Bottom - headingLine) < 1).OrderBy(w => w.BoundingBox.Left).ToList();

        headings.Select(w => w.Text).Should().Equal("Ticket", "Logged", "Charged", "From", "plan", "Overage", "Out", "of", "plan");
        string[] columnStarts = ["Logged", "Charged", "From", "Overage", "Out"];
        for (var i = 1; i < columnStarts.Length; i++)
        {
            var previous = headings.Last(w => w.BoundingBox.Right <= headings.First(h => h.Text == columnStarts[i]).BoundingBox.Left);
            var gap = headings.First(h => h.Text == columnStarts[i]).BoundingBox.Left - previous.BoundingBox.Right;
            gap.Should().BeGreaterThan(8, $"\"{previous.Text}\" and \"{columnStarts[i]}\" are separate columns");
        }
    }

    [Fact]
    public void ShouldDrawThePngPreview_AsTheSamePageOnABitmap()
    {
        var invoice = Invoice(kind: InvoiceKind.Usage, statement: [new(1002, "Booking widget", false, 120, 120, 0, 0, 120)]);

        var png = Renderer.RenderPng(invoice, 0, scale: 1);

        using var bitmap = SKBitmap.Decode(png);
        bitmap.Width.Should().Be(612);
        bitmap.Height.Should().Be(792);
        Renderer.PageCount(invoice).Should().Be(2);
        var dark = 0;
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                dark += bitmap.GetPixel(x, y).Red < 128 ? 1 : 0;
            }
        }

        dark.Should().BeGreaterThan(50, "text was drawn");
        var outOfRange = () => Renderer.RenderPng(invoice, 2);
        outOfRange.Should().Throw<ArgumentOutOfRangeException>();
    }
}
