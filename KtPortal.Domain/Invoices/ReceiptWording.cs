using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices;

/// <summary>What a payment's receipt says: its number and where the invoice stood once the payment came in.</summary>
public static class ReceiptWording
{
    /// <summary>"INV-2026-0004-R2": the invoice's number and the payment's place among its payments.</summary>
    public static string Number(InvoiceDocument invoice, PaymentView payment)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(payment);
        var ordinal = invoice.Payments.OrderBy(p => p.Id).ToList().FindIndex(p => p.Id == payment.Id) + 1;
        return $"{invoice.DisplayNumber}-R{ordinal}";
    }

    /// <summary>
    /// The invoice total, what credit notes took back, what was paid up to and including this payment (later payments
    /// and refunds are not this receipt's business), and the balance or credit that left.
    /// </summary>
    public static IReadOnlyList<(string Label, string Value, bool Strong)> Standing(InvoiceDocument invoice, PaymentView payment)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(payment);
        var paidSoFar = invoice.Payments.Where(p => !p.IsDeleted && p.Id <= payment.Id).Sum(p => p.AmountMinor);
        var due = invoice.TotalMinor - invoice.CreditedMinor;
        var rows = new List<(string, string, bool)> { ($"Invoice total ({invoice.Currency})", Money.Format(invoice.TotalMinor, invoice.Currency), false) };
        if (invoice.CreditedMinor > 0)
        {
            rows.Add(("Credited", "−" + Money.Format(invoice.CreditedMinor, invoice.Currency), false));
        }

        rows.Add(("Paid so far", "−" + Money.Format(paidSoFar, invoice.Currency), false));
        rows.Add(PaymentRules.Credit(due, paidSoFar) is > 0 and var credit
            ? ("Credit to you", Money.Format(credit, invoice.Currency), true)
            : ("Balance due", Money.Format(PaymentRules.Balance(due, paidSoFar), invoice.Currency), true));
        return rows;
    }
}
