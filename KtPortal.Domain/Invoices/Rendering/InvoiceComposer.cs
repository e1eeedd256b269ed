using System.Globalization;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using SkiaSharp;

namespace KtPortal.Domain.Invoices.Rendering;

/// <summary>The layout of an invoice: where each piece of text goes, page by page.</summary>
internal sealed class InvoiceComposer(InvoiceDocument invoice) : DocumentComposer
{
    // Line table columns: description, hours/quantity, unit price, amount (right edges for the numbers).
    private const float QuantityRight = 392;
    private const float PriceRight = 478;
    private const float DescriptionWidth = 290;

    protected override string RunningHead => $"{invoice.Agency.Name} · invoice {invoice.DisplayNumber} · {invoice.ClientName}";

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
            "Time on tickets the plan does not cover is out of plan. Overage and out-of-plan time are the lines of this invoice." +
            HeldNote(s.Sum(r => r.HeldMinutes)));
    }

    /// <summary>Reading 24: overage past what the client approved is on the statement and on no line; say so.</summary>
    private static string HeldNote(int heldMinutes) => heldMinutes == 0
        ? string.Empty
        : $" {Hours.Format(heldMinutes)} h of the overage went past the hours you approved and are not billed.";

    public IReadOnlyList<InvoicePage> Finish() => Finish(invoice.DisplayNumber, invoice.Agency.Name, invoice.Status switch
    {
        InvoiceStatus.Draft => "DRAFT",
        InvoiceStatus.Paid => "PAID",
        InvoiceStatus.Void => "VOID",
        InvoiceStatus.Credited => "CREDITED",
        _ => null,
    });

    private void Header() =>
        Letterhead(invoice.Agency, invoice.Logo, "INVOICE", invoice.DisplayNumber, invoice.Status.ToString());

    private void Parties() => Parties("BILL TO", invoice.ClientName, invoice.BillingEmail, InvoiceWording.Details(invoice));

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
}
