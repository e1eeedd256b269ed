using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices.CreditNotes;

/// <summary>
/// Issues a credit note inside the caller's transaction: the next number of the year's own gapless sequence, the
/// client's details and the agency as they are today, the invoice it credits settled again, and the audit row. A
/// rollback undoes all of it, the number included.
/// </summary>
internal static class CreditNoteIssuer
{
    /// <param name="note">Lines and totals set; <see cref="CreditNote.ClientId"/> and <see cref="CreditNote.InvoiceId"/> too.</param>
    /// <param name="invoice">The invoice it credits, tracked with its payments; null for a note standing alone.</param>
    public static async Task IssueAsync(
        KtPortalDbContext db, CreditNote note, Invoice? invoice, AgencyProfile agency, PortalSettings settings, DateTime nowUtc, ActedBy by, CancellationToken cancellationToken)
    {
        if (note.TotalMinor <= 0)
        {
            throw new ValidationFailedException("Lines", "A credit note must total more than zero.");
        }

        if (invoice is not null && note.TotalMinor > CreditNoteRules.Creditable(invoice))
        {
            throw new ValidationFailedException("Lines",
                $"{invoice.Number} has {Money.Format(CreditNoteRules.Creditable(invoice), invoice.Currency)} left to credit; this credit note would be {Money.Format(note.TotalMinor, invoice.Currency)}.");
        }

        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == note.ClientId, cancellationToken);
        var today = settings.LocalDate(new DateTimeOffset(nowUtc, TimeSpan.Zero));
        var highest = await db.CreditNotes.Where(n => n.NumberYear == today.Year).MaxAsync(n => (int?)n.NumberSequence, cancellationToken) ?? 0;
        var sequence = (int)await SequenceAllocator.ReserveAsync(db, CreditNoteRules.SequenceName(today.Year), 1, highest + 1, cancellationToken);
        note.NumberYear = today.Year;
        note.NumberSequence = sequence;
        note.Number = CreditNoteRules.FormatNumber(today.Year, sequence);
        note.IssueDate = today;
        note.IssuedAtUtc = nowUtc;
        note.IssuedById = by.Actor.UserId;
        note.Currency = invoice?.Currency ?? settings.Currency;
        note.ClientName = invoice?.ClientName is { Length: > 0 } frozen ? frozen : client.Name;
        note.BillingEmail = invoice?.BillingEmail ?? client.BillingEmail;
        note.IssuerSnapshot = InvoiceIssuerSnapshot.Take(agency);
        db.CreditNotes.Add(note);

        var what = $"{Money.Format(note.TotalMinor, note.Currency)} to {note.ClientName}";
        if (invoice is not null)
        {
            var before = $"{invoice.Status}, credited {Money.Format(invoice.CreditedMinor, invoice.Currency)} of {Money.Format(invoice.TotalMinor, invoice.Currency)}";
            invoice.CreditedMinor += note.TotalMinor;
            PaymentRules.Settle(invoice, invoice.Payments, nowUtc);
            by.Audit.Add(db, by.Actor, Audit.AuditKinds.CreditNoteIssued, note.Number, note.ClientId, $"{invoice.Number}: {before}",
                $"Issued on {invoice.Number}: {what} ({note.Reason}) → {invoice.Status}");
        }
        else
        {
            by.Audit.Add(db, by.Actor, Audit.AuditKinds.CreditNoteIssued, note.Number, note.ClientId, "None", $"Issued: {what} as account credit ({note.Reason})");
        }

        await db.SaveChangesAsync(cancellationToken);

        // The client hears of it like an invoice: the billing address, else its admins; the PDF drawn when it sends.
        await NotificationOutbox.QueueAsync(db, agency,
            new NotificationMessage(null, "credit-note-issued", $"credit-note-issued:{note.Number}", $"/credit-notes/{note.Id}", Attachment: InvoiceAttachments.CreditNote(note.Id)),
            !string.IsNullOrWhiteSpace(note.BillingEmail) ? [new MessageRecipient(null, note.BillingEmail.Trim())] : await InvoiceIssuer.RecipientsAsync(db, client, cancellationToken),
            _ => InvoiceEmails.CreditNoteIssued(agency.Name, note.ClientName, note.Number, invoice?.Number, note.TotalMinor, note.Currency, note.Reason, agency.Absolute($"/credit-notes/{note.Id}")),
            nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
