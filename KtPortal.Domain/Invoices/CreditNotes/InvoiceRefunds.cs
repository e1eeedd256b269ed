using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;

namespace KtPortal.Domain.Invoices.CreditNotes;

/// <summary>
/// A refund the same way for staff and for Stripe, in the caller's unit of work: the refund row, the payment's refunded
/// sum, and a credit note for the part of it that takes back what was billed. Money paid beyond what was due goes back
/// first and needs no credit note; the rest is credited on the invoice, so a refunded invoice owes nothing again.
/// </summary>
internal static class InvoiceRefunds
{
    /// <param name="invoice">Tracked, with its payments; <paramref name="payment"/> is one of them.</param>
    public static async Task<PaymentRefund> RecordAsync(
        KtPortalDbContext db, Invoice invoice, Payment payment, long amountMinor, DateOnly refundedOn, string reason, string? externalId,
        AgencyProfile agency, PortalSettings settings, ActedBy by, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (amountMinor <= 0 || amountMinor > payment.NetMinor)
        {
            throw new ValidationFailedException("AmountMinor",
                $"The refund must be more than 0 and at most what the payment still counts for ({Money.Format(payment.NetMinor, invoice.Currency)}).");
        }

        var (_, toCredit) = CreditNoteRules.RefundSplit(invoice.DueMinor, invoice.PaidMinor, CreditNoteRules.Creditable(invoice), amountMinor);
        var refund = new PaymentRefund
        {
            PaymentId = payment.Id,
            InvoiceId = invoice.Id,
            ClientId = invoice.ClientId,
            AmountMinor = amountMinor,
            Currency = invoice.Currency,
            RefundedOn = refundedOn,
            Reason = reason,
            ExternalId = externalId,
            RecordedById = by.Actor.UserId,
            RecordedAtUtc = nowUtc,
        };
        var before = $"{invoice.Status}, paid {Money.Format(invoice.PaidMinor, invoice.Currency)} of {Money.Format(invoice.DueMinor, invoice.Currency)}";
        // The credit note first, the payment after: the invoice goes from paid to paid, never through "partially paid"
        // with a new paid date on the way.
        if (toCredit > 0)
        {
            var (net, tax) = CreditNoteRules.SplitInclusive(toCredit, invoice.TaxBasisPoints);
            var note = new CreditNote
            {
                ClientId = invoice.ClientId,
                InvoiceId = invoice.Id,
                Reason = reason,
                Lines = [new CreditNoteLine { Position = 1, Description = $"Refund of the {PaymentRules.Label(payment.Method).ToLowerInvariant()} payment of {BillingText.Date(payment.ReceivedOn)} on {invoice.Number}", AmountMinor = net }],
                SubtotalMinor = net,
                TaxBasisPoints = invoice.TaxBasisPoints,
                TaxMinor = tax,
                TotalMinor = toCredit,
            };
            await CreditNoteIssuer.IssueAsync(db, note, invoice, agency, settings, nowUtc, by, cancellationToken);
            refund.CreditNoteId = note.Id;
        }

        payment.RefundedMinor += amountMinor;
        PaymentRules.Settle(invoice, invoice.Payments, nowUtc);

        db.PaymentRefunds.Add(refund);
        by.Audit.Add(db, by.Actor, Audit.AuditKinds.PaymentRefunded, invoice.Number ?? $"Invoice {invoice.Id}", invoice.ClientId, before,
            $"{Money.Format(amountMinor, invoice.Currency)} refunded on {BillingText.Date(refundedOn)} ({reason}) → {invoice.Status}");
        return refund;
    }
}
