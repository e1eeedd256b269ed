using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices.Statements;
using SkiaSharp;

namespace KtPortal.Domain.Invoices.Rendering;

/// <summary>
/// A client's statement on paper, in the invoice's style: the same figures as the page (one <see cref="ClientStatement"/>),
/// opening and closing balances, every movement with its running balance, and aging on the last day.
/// </summary>
internal sealed class StatementComposer(ClientStatement statement, AgencyProfile agency, byte[]? logo) : DocumentComposer
{
    private const float DocumentX = Margin + 66;
    private const float WhatX = Margin + 150;
    private const float WhatWidth = 140;
    private const float ChargedRight = 400;
    private const float CreditedRight = 482;

    protected override string RunningHead => $"{agency.Name} · statement · {statement.ClientName} · {Range}";

    private string Range => $"{BillingText.Date(statement.From)} – {BillingText.Date(statement.To)}";

    public IReadOnlyList<InvoicePage> Compose()
    {
        NewPage(first: true);
        Letterhead(agency, logo, "STATEMENT", statement.ClientName, Range);
        Parties("STATEMENT FOR", statement.ClientName, null, [.. StatementWording.Summary(statement).Select(r => (r.Label, r.Value))]);
        Movements();
        Aging();
        return Finish($"Statement {BillingText.Date(statement.To)}", agency.Name, watermark: null);
    }

    private void Movements()
    {
        Text("Movements", Margin, _y, Bold(12), Ink);
        _y += 18;
        if (statement.Lines.Count == 0)
        {
            Text("Nothing was invoiced, paid, credited or refunded between these days.", Margin, _y, Regular(BodySize), Muted);
            _y += 24;
            return;
        }

        void Headings()
        {
            Text("Date", Margin, _y, Bold(BodySize), Muted);
            Text("Document", DocumentX, _y, Bold(BodySize), Muted);
            Text("What", WhatX, _y, Bold(BodySize), Muted);
            Text("Charged", ChargedRight, _y, Bold(BodySize), Muted, SKTextAlign.Right);
            Text("Credited", CreditedRight, _y, Bold(BodySize), Muted, SKTextAlign.Right);
            Text("Balance", Right, _y, Bold(BodySize), Muted, SKTextAlign.Right);
            _y += 6;
            HorizontalRule(_y);
            _y += 14;
        }

        Headings();
        foreach (var line in statement.Lines)
        {
            var what = Wrap(line.Description, Regular(BodySize), WhatWidth);
            var height = what.Count * (BodySize + LineGap) + 6;
            if (_y + height > Bottom)
            {
                NewPage(first: false);
                Headings();
            }

            Text(BillingText.Date(line.Date), Margin, _y, Regular(BodySize), Ink);
            Text(line.Reference, DocumentX, _y, Regular(BodySize), Ink);
            WrappedLines(what, WhatX, Regular(BodySize), Ink);
            if (line.DebitMinor > 0)
            {
                Text(Money.Format(line.DebitMinor, statement.Currency), ChargedRight, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            }

            if (line.CreditMinor > 0)
            {
                Text(Money.Format(line.CreditMinor, statement.Currency), CreditedRight, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            }

            Text(Money.Format(line.BalanceMinor, statement.Currency), Right, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            _y += height;
        }

        HorizontalRule(_y - 8);
        _y += 16;
    }

    private void Aging()
    {
        if (_y + 80 > Bottom)
        {
            NewPage(first: false);
        }

        Text($"Aging on {BillingText.Date(statement.To)}", Margin, _y, Bold(12), Ink);
        _y += 18;
        var buckets = StatementWording.Aging(statement);
        var width = (Right - Margin) / buckets.Count;
        for (var i = 0; i < buckets.Count; i++)
        {
            var right = Margin + width * (i + 1);
            Text(buckets[i].Label, right, _y, Bold(BodySize), Muted, SKTextAlign.Right);
            Text(buckets[i].Value, right, _y + 14, Regular(BodySize), Ink, SKTextAlign.Right);
        }

        _y += 36;
        if (statement.UnappliedCreditMinor > 0)
        {
            Paragraph("Credit held for you", $"{Money.Format(statement.UnappliedCreditMinor, statement.Currency)}: paid beyond invoices' totals, or credit notes standing alone. It counts against what you owe.");
        }
    }
}
