using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using SkiaSharp;

namespace KtPortal.Domain.Invoices.Rendering;

/// <summary>The layout of a credit note, in the invoice's style: letterhead, the client, what is credited and why, the totals.</summary>
internal sealed class CreditNoteComposer(CreditNoteDocument note) : DocumentComposer
{
    protected override string RunningHead => $"{note.Agency.Name} · credit note {note.Number} · {note.ClientName}";

    public IReadOnlyList<InvoicePage> Compose()
    {
        NewPage(first: true);
        Letterhead(note.Agency, note.Logo, "CREDIT NOTE", note.Number, "Issued");
        var details = new List<(string, string)> { ("Credit note number", note.Number), ("Issue date", BillingText.Date(note.IssueDate)) };
        if (note.InvoiceNumber is not null)
        {
            details.Add(("Credits invoice", note.InvoiceNumber));
        }

        Parties("CREDIT TO", note.ClientName, note.BillingEmail, details);
        Paragraph("Reason", note.Reason);
        _y += 6;
        Text("Description", Margin, _y, Bold(BodySize), Muted);
        Text("Amount", Right, _y, Bold(BodySize), Muted, SKTextAlign.Right);
        _y += 6;
        HorizontalRule(_y);
        _y += 14;
        foreach (var line in note.Lines)
        {
            var wrapped = Wrap(line.Description, Regular(BodySize), 400);
            var height = wrapped.Count * (BodySize + LineGap) + 6;
            if (_y + height > Bottom)
            {
                NewPage(first: false);
            }

            WrappedLines(wrapped, Margin, Regular(BodySize), Ink);
            Text("−" + Money.Format(line.AmountMinor, note.Currency), Right, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            _y += height;
        }

        HorizontalRule(_y - 8);
        _y += 8;
        if (_y + 70 > Bottom)
        {
            NewPage(first: false);
        }

        foreach (var (label, value, strong) in CreditNoteWording.Totals(note))
        {
            var font = strong ? Bold(12) : Regular(BodySize + 0.5f);
            Text(label, 478, _y, font, strong ? Ink : Muted, SKTextAlign.Right);
            Text(value, Right, _y, font, Ink, SKTextAlign.Right);
            _y += strong ? 20 : 15;
        }

        _y += 14;
        Paragraph("What this means", CreditNoteWording.Meaning(note));
        return Finish(note.Number, note.Agency.Name, watermark: null);
    }
}
