using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using SkiaSharp;

namespace KtPortal.Domain.Invoices.Rendering;

/// <summary>
/// A receipt for one payment, in the invoice's style: who paid, when, how and how much, and where the invoice stood
/// once it came in (paid so far, balance due or credit). Figures come from <see cref="ReceiptWording"/>.
/// </summary>
internal sealed class ReceiptComposer(InvoiceDocument invoice, PaymentView payment) : DocumentComposer
{
    protected override string RunningHead => $"{invoice.Agency.Name} · receipt · {invoice.DisplayNumber} · {invoice.ClientName}";

    public IReadOnlyList<InvoicePage> Compose()
    {
        NewPage(first: true);
        Letterhead(invoice.Agency, invoice.Logo, "RECEIPT", ReceiptWording.Number(invoice, payment), "Payment received");
        Parties("RECEIVED FROM", invoice.ClientName, invoice.BillingEmail,
        [
            ("Received on", BillingText.Date(payment.ReceivedOn)),
            ("Method", PaymentRules.Label(payment.Method)),
            ("Reference", payment.Reference.Length > 0 ? payment.Reference : "—"),
            ("For invoice", invoice.DisplayNumber),
        ]);
        Text("Amount received", Margin, _y, Regular(12), Muted);
        Text(Money.Format(payment.AmountMinor, invoice.Currency), Right, _y, Bold(16), Ink, SKTextAlign.Right);
        _y += 14;
        HorizontalRule(_y);
        _y += 20;
        foreach (var (label, value, strong) in ReceiptWording.Standing(invoice, payment))
        {
            var font = strong ? Bold(12) : Regular(BodySize + 0.5f);
            Text(label, 478, _y, font, strong ? Ink : Muted, SKTextAlign.Right);
            Text(value, Right, _y, font, Ink, SKTextAlign.Right);
            _y += strong ? 20 : 15;
        }

        _y += 14;
        Paragraph("Thank you", $"This receipt confirms the payment above for invoice {invoice.DisplayNumber} ({invoice.Title}). Keep it with your records.");
        return Finish(ReceiptWording.Number(invoice, payment), invoice.Agency.Name, watermark: null);
    }
}
