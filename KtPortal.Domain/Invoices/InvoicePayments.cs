using KtPortal.Domain.Data;
using KtPortal.Domain.Notifications;

namespace KtPortal.Domain.Invoices;

/// <summary>Marking an invoice paid, the same way for Stripe and for staff, with the receipt e-mail in the same transaction.</summary>
internal static class InvoicePayments
{
    public static void MarkPaid(KtPortalDbContext db, Invoice invoice, PaymentMethod method, string reference, DateTime nowUtc, AgencyProfile agency)
    {
        invoice.Status = InvoiceStatus.Paid;
        invoice.PaidVia = method;
        invoice.PaymentReference = reference.Length > InvoiceRules.NotesMaxLength ? reference[..InvoiceRules.NotesMaxLength] : reference;
        invoice.PaidAtUtc = nowUtc;
        invoice.UpdatedAtUtc = nowUtc;
        invoice.ConcurrencyStamp = Guid.NewGuid();
        if (!string.IsNullOrWhiteSpace(invoice.BillingEmail))
        {
            var total = Common.Money.Format(invoice.TotalMinor, invoice.Currency);
            db.OutboxMessages.Add(new OutboxMessage
            {
                IdempotencyKey = $"payment-received:{invoice.Number}",
                Kind = "payment-received",
                ToAddress = invoice.BillingEmail,
                Subject = $"Payment received for invoice {invoice.Number}: {total}",
                BodyText = $"Thank you: we received {total} for invoice {invoice.Number}.\n\n{agency.InvoiceUrl(invoice.Id)}\n\n{agency.Name}",
                CreatedAtUtc = nowUtc,
                NextAttemptAtUtc = nowUtc,
            });
        }
    }
}
