using System.Globalization;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// What an invoice says, in words and figures: one source for the PDF (InvoiceComposer) and the page's summary on a
/// phone, so the two can never disagree on a label, a rate or a total.
/// </summary>
public static class InvoiceWording
{
    /// <summary>The facts beside "Bill to": number, dates, and the period and plan where the invoice has them.</summary>
    public static IReadOnlyList<(string Label, string Value)> Details(InvoiceDocument invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var details = new List<(string Label, string Value)>
        {
            ("Invoice number", invoice.DisplayNumber),
            ("Issue date", invoice.IssueDate is { } issued ? BillingText.Date(issued) : "Not issued yet"),
            ("Due date", invoice.DueDate is { } due ? BillingText.Date(due) : "—"),
        };
        if (invoice.Period is { } period)
        {
            details.Add(("Period", BillingText.Range(period)));
        }

        if (invoice.PlanName is not null)
        {
            details.Add(("Plan", invoice.PlanName));
        }

        return details;
    }

    /// <summary>"6.00 h" for time, "1" for a fee or an item.</summary>
    public static string Quantity(InvoiceLineView line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.QuantityText + (line.IsHours ? " h" : string.Empty);
    }

    /// <summary>"$95.00/h" for time, "$500.00" for a fee or an item.</summary>
    public static string UnitPrice(InvoiceLineView line, string currency)
    {
        ArgumentNullException.ThrowIfNull(line);
        var price = Money.Format(line.UnitPriceMinor, currency);
        return line.IsHours ? $"{price}/h" : price;
    }

    /// <summary>Subtotal, tax (with its rate) and the total, the last one the figure to pay.</summary>
    public static IReadOnlyList<(string Label, string Value, bool Strong)> Totals(InvoiceDocument invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var tax = invoice.TaxBasisPoints == 0
            ? "Tax"
            : $"Tax ({(invoice.TaxBasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture)}%)";
        var rows = new List<(string, string, bool)>
        {
            ("Subtotal", Money.Format(invoice.SubtotalMinor, invoice.Currency), false),
            (tax, Money.Format(invoice.TaxMinor, invoice.Currency), false),
            ($"Total ({invoice.Currency})", Money.Format(invoice.TotalMinor, invoice.Currency), true),
        };

        // Once money came in or was credited: what credit notes took back, what was paid (net of refunds) and what is
        // left (or held as credit), the figure to pay now last.
        if ((invoice.PaidMinor > 0 || invoice.CreditedMinor > 0) && invoice.Status != InvoiceStatus.Void)
        {
            if (invoice.CreditedMinor > 0)
            {
                var numbers = string.Join(", ", invoice.CreditNotes.Select(n => n.Number));
                rows.Add((numbers.Length > 0 ? $"Credited ({numbers})" : "Credited", "−" + Money.Format(invoice.CreditedMinor, invoice.Currency), false));
            }

            if (invoice.PaidMinor > 0)
            {
                rows.Add(("Paid", "−" + Money.Format(invoice.PaidMinor, invoice.Currency), false));
            }

            rows.Add(invoice.CreditMinor > 0
                ? ("Credit to the client", Money.Format(invoice.CreditMinor, invoice.Currency), true)
                : ("Balance due", Money.Format(invoice.BalanceMinor, invoice.Currency), true));
        }

        return rows;
    }

    /// <summary>
    /// How to pay an invoice that is still to be paid (issued, or a draft as it will read), in the order the PDF and the
    /// page show it: the agency's instructions, the bank details with the reference to quote, and the online link only
    /// when online payment is set up. Empty for a paid or void invoice.
    /// </summary>
    public static IReadOnlyList<(string Heading, IReadOnlyList<string> Lines)> HowToPay(InvoiceDocument invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Status is not (InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid or InvoiceStatus.Draft))
        {
            return [];
        }

        var blocks = new List<(string, IReadOnlyList<string>)>();
        if (!string.IsNullOrWhiteSpace(invoice.Agency.PaymentInstructions))
        {
            blocks.Add(("How to pay", [invoice.Agency.PaymentInstructions.Trim()]));
        }

        if (!invoice.Agency.Bank.IsEmpty)
        {
            var reference = invoice.Number is { } number ? $"Reference to quote: {number}" : "Reference to quote: the invoice number, once issued";
            if (invoice.PaidMinor > 0)
            {
                reference += $" (balance due {Money.Format(invoice.BalanceMinor, invoice.Currency)})";
            }

            blocks.Add(("Bank transfer", [.. invoice.Agency.Bank.Lines(), reference]));
        }

        if (invoice.PayOnline && invoice.Status.IsOpen())
        {
            blocks.Add(("Pay online", [invoice.PayUrl]));
        }

        return blocks;
    }
}
