using KtPortal.Domain.Common;
using KtPortal.Domain.Billing;
using SkiaSharp;

namespace KtPortal.Domain.Invoices.Rendering;

/// <summary>
/// Draws an invoice with SkiaSharp. <see cref="Compose"/> lays the invoice out once as pages of drawing steps; the
/// same steps go to a PDF page (<see cref="RenderPdf"/>) or to a bitmap (<see cref="RenderPng"/>), so the preview in
/// the browser is exactly the PDF. US Letter, points.
/// </summary>
public sealed class InvoiceRenderer
{
    public const float PageWidth = 612;
    public const float PageHeight = 792;

    public byte[] RenderPdf(InvoiceDocument invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Pdf(Compose(invoice), $"Invoice {invoice.DisplayNumber}", invoice.Agency.Name);
    }

    /// <summary>A credit note, in the invoice's style.</summary>
    public byte[] RenderPdf(CreditNoteDocument note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Pdf(new CreditNoteComposer(note).Compose(), $"Credit note {note.Number}", note.Agency.Name);
    }

    /// <summary>One page as a PNG, <paramref name="scale"/> pixels per point (2 ≈ 144 dpi).</summary>
    public byte[] RenderPng(InvoiceDocument invoice, int pageIndex, float scale = 2f)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Png(Compose(invoice), pageIndex, scale);
    }

    /// <summary>One page of a credit note as a PNG.</summary>
    public byte[] RenderPng(CreditNoteDocument note, int pageIndex, float scale = 2f)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Png(new CreditNoteComposer(note).Compose(), pageIndex, scale);
    }

    /// <summary>The receipt for one of the invoice's payments.</summary>
    public byte[] RenderReceiptPdf(InvoiceDocument invoice, PaymentView payment)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(payment);
        return Pdf(new ReceiptComposer(invoice, payment).Compose(), $"Receipt {ReceiptWording.Number(invoice, payment)}", invoice.Agency.Name);
    }

    /// <summary>A client's statement, in the invoice's style, from the same figures the statement page shows.</summary>
    public byte[] RenderPdf(Statements.ClientStatement statement, AgencyProfile agency, byte[]? logo = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(agency);
        return Pdf(new StatementComposer(statement, agency, logo).Compose(), $"Statement for {statement.ClientName}", agency.Name);
    }

    public int PageCount(CreditNoteDocument note) => new CreditNoteComposer(note).Compose().Count;

    internal static byte[] Pdf(IReadOnlyList<InvoicePage> pages, string title, string author)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Author = author,
            Creator = "KT-Portal",
            Producer = "KT-Portal",
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            foreach (var page in pages)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                page.Draw(canvas);
                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    internal static byte[] Png(IReadOnlyList<InvoicePage> pages, int pageIndex, float scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pageIndex, pages.Count);
        var info = new SKImageInfo((int)(PageWidth * scale), (int)(PageHeight * scale));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        pages[pageIndex].Draw(canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public int PageCount(InvoiceDocument invoice) => Compose(invoice).Count;

    /// <summary>Lays the invoice out: the invoice pages (lines continue on new pages), then a usage invoice's hours statement.</summary>
    internal static IReadOnlyList<InvoicePage> Compose(InvoiceDocument invoice)
    {
        var composer = new InvoiceComposer(invoice);
        composer.ComposeInvoice();
        if (invoice.HoursStatement.Count > 0)
        {
            composer.ComposeStatement();
        }

        return composer.Finish();
    }
}

/// <summary>One page: the drawing steps, replayed on whatever canvas is given.</summary>
internal sealed class InvoicePage
{
    private readonly List<Action<SKCanvas>> _steps = [];

    public void Add(Action<SKCanvas> step) => _steps.Add(step);

    public void Draw(SKCanvas canvas)
    {
        foreach (var step in _steps)
        {
            step(canvas);
        }
    }
}
