using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using Microsoft.EntityFrameworkCore;
using KtPortal.Domain.Notifications;

namespace KtPortal.Domain.Invoices;

/// <summary>Marking an invoice paid, the same way for Stripe and for staff, with the receipt e-mail in the same transaction.</summary>
internal static class InvoicePayments
{
    public static async Task MarkPaidAsync(
        KtPortalDbContext db, Invoice invoice, PaymentMethod method, string reference, DateTime nowUtc, AgencyProfile agency, ActedBy by, CancellationToken cancellationToken)
    {
        by.Audit.Add(db, by.Actor, Audit.AuditKinds.PaymentRecorded, invoice.Number ?? $"Invoice {invoice.Id}", invoice.ClientId, invoice.Status.ToString(),
            $"Paid {Money.Format(invoice.TotalMinor, invoice.Currency)} ({(method == PaymentMethod.Stripe ? "card, Stripe" : "recorded by staff")}): {reference}");
        invoice.Status = InvoiceStatus.Paid;
        invoice.PaidVia = method;
        invoice.PaymentReference = reference.Length > InvoiceRules.NotesMaxLength ? reference[..InvoiceRules.NotesMaxLength] : reference;
        invoice.PaidAtUtc = nowUtc;
        invoice.UpdatedAtUtc = nowUtc;
        invoice.ConcurrencyStamp = Guid.NewGuid();
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId, cancellationToken);

        // The receipt goes where the invoice went: the address frozen on it, else the client's admins.
        var recipients = !string.IsNullOrWhiteSpace(invoice.BillingEmail)
            ? [new MessageRecipient(null, invoice.BillingEmail.Trim())]
            : await InvoiceIssuer.RecipientsAsync(db, client, cancellationToken);
        var link = $"/invoices/{invoice.Id}";
        await NotificationOutbox.QueueAsync(db, agency,
            new NotificationMessage(NotificationEvent.PaymentReceived, "payment-received", $"payment-received:{invoice.Number}", link),
            recipients,
            _ => InvoiceEmails.PaymentReceived(invoice.Number!, invoice.TotalMinor, invoice.Currency, agency.InvoiceUrl(invoice.Id)),
            nowUtc, cancellationToken);
    }
}
