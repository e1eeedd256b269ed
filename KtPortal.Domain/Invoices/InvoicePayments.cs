using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// Recording a payment the same way for Stripe and for staff: the payment row, the invoice's paid sum and status, the
/// audit row and the receipt e-mail, all in the caller's unit of work.
/// </summary>
internal static class InvoicePayments
{
    /// <summary>Adds <paramref name="payment"/> to <paramref name="invoice"/> (loaded with its payments) and settles it.</summary>
    public static async Task RecordAsync(
        KtPortalDbContext db, Invoice invoice, Payment payment, AgencyProfile agency, ActedBy by, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var before = State(invoice);
        payment.ClientId = invoice.ClientId;
        payment.Currency = invoice.Currency;
        payment.RecordedAtUtc = nowUtc;
        invoice.Payments.Add(payment);
        PaymentRules.Settle(invoice, invoice.Payments, nowUtc);
        ForgetCheckout(invoice);
        var amount = Money.Format(payment.AmountMinor, invoice.Currency);
        by.Audit.Add(db, by.Actor, Audit.AuditKinds.PaymentRecorded, invoice.Number ?? $"Invoice {invoice.Id}", invoice.ClientId, before,
            $"{amount} by {PaymentRules.Label(payment.Method).ToLowerInvariant()} on {BillingText.Date(payment.ReceivedOn)}"
            + (payment.Reference.Length > 0 ? $" (ref {payment.Reference})" : string.Empty) + $" → {State(invoice)}");

        // The receipt goes where the invoice went: the address frozen on it, else the client's admins. The payment's
        // place among the invoice's payments (deleted ones count: rows are never removed) makes the key and names the
        // receipt PDF drawn when it sends: one receipt per payment, however often the save is retried.
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId, cancellationToken);
        var recipients = !string.IsNullOrWhiteSpace(invoice.BillingEmail)
            ? [new MessageRecipient(null, invoice.BillingEmail.Trim())]
            : await InvoiceIssuer.RecipientsAsync(db, client, cancellationToken);
        var link = $"/invoices/{invoice.Id}";
        await NotificationOutbox.QueueAsync(db, agency,
            new NotificationMessage(NotificationEvent.PaymentReceived, "payment-received", $"payment-received:{invoice.Number}:{invoice.Payments.Count}", link,
                InvoiceId: invoice.Id, Attachment: InvoiceAttachments.Receipt(invoice.Payments.Count)),
            recipients,
            _ => InvoiceEmails.PaymentReceived(invoice.Number!, payment.AmountMinor, payment.ReceivedOn,
                PaymentRules.Balance(invoice.DueMinor, invoice.PaidMinor), PaymentRules.Credit(invoice.DueMinor, invoice.PaidMinor), invoice.Currency, agency.InvoiceUrl(invoice.Id)),
            nowUtc, cancellationToken);
    }

    /// <summary>Marks a payment deleted (kept, with the reason) and settles the invoice again.</summary>
    public static void Delete(KtPortalDbContext db, Invoice invoice, Payment payment, string reason, ActedBy by, DateTime nowUtc)
    {
        var before = State(invoice);
        payment.DeletedAtUtc = nowUtc;
        payment.DeletedById = by.Actor.UserId;
        payment.DeleteReason = reason;
        PaymentRules.Settle(invoice, invoice.Payments, nowUtc);
        ForgetCheckout(invoice);
        by.Audit.Add(db, by.Actor, Audit.AuditKinds.PaymentDeleted, invoice.Number ?? $"Invoice {invoice.Id}", invoice.ClientId,
            $"{Money.Format(payment.AmountMinor, invoice.Currency)} by {PaymentRules.Label(payment.Method).ToLowerInvariant()} on {BillingText.Date(payment.ReceivedOn)}; {before}",
            $"Deleted: {reason} → {State(invoice)}");
    }

    /// <summary>A Checkout Session is for the balance it was opened with; once that moves, the next "Pay now" opens a new one.</summary>
    private static void ForgetCheckout(Invoice invoice)
    {
        invoice.CheckoutSessionId = null;
        invoice.CheckoutUrl = null;
        invoice.CheckoutExpiresAtUtc = null;
        invoice.CheckoutIdempotencyKey = null;
    }

    /// <summary>"Issued, paid $0.00 of $500.00" — the before and after of an audit row.</summary>
    private static string State(Invoice invoice) =>
        $"{invoice.Status}, paid {Money.Format(invoice.PaidMinor, invoice.Currency)} of {Money.Format(invoice.TotalMinor, invoice.Currency)}";
}
