using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// Issues a draft inside the caller's transaction (rule 5): freezes the client's details and tax, sets the dates,
/// takes the next number of the issue year's gapless sequence and writes the invoice e-mail to the outbox. A rollback
/// undoes all of it, the number included, so no number is ever skipped.
/// </summary>
internal static class InvoiceIssuer
{
    public static async Task IssueAsync(
        KtPortalDbContext db, Invoice invoice, AgencyProfile agency, PortalSettings settings, DateTime nowUtc, ActedBy by, CancellationToken cancellationToken)
    {
        if (invoice.Status != InvoiceStatus.Draft)
        {
            throw new ValidationFailedException("Status", "Only a draft can be issued.");
        }

        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId, cancellationToken);
        InvoiceRules.ApplyTotals(invoice, client.TaxRateBasisPoints);
        if (invoice.TotalMinor <= 0)
        {
            throw new ValidationFailedException("Lines", "An invoice must total more than zero.");
        }

        var today = settings.LocalDate(new DateTimeOffset(nowUtc, TimeSpan.Zero));
        var year = today.Year;
        var highest = await db.Invoices.Where(i => i.NumberYear == year).MaxAsync(i => i.NumberSequence, cancellationToken) ?? 0;
        var sequence = (int)await SequenceAllocator.ReserveAsync(db, SequenceName(year), 1, highest + 1, cancellationToken);

        invoice.Status = InvoiceStatus.Issued;
        invoice.NumberYear = year;
        invoice.NumberSequence = sequence;
        invoice.Number = InvoiceRules.FormatNumber(agency.InvoicePrefix, year, sequence);
        invoice.IssueDate = today;
        invoice.DueDate = today.AddDays(Math.Max(0, client.PaymentTermsDays));
        invoice.ClientName = client.Name;
        invoice.BillingEmail = client.BillingEmail;
        invoice.Currency = settings.Currency;
        invoice.IssuerSnapshot = InvoiceIssuerSnapshot.Take(agency);
        invoice.IssuedAtUtc = nowUtc;
        invoice.UpdatedAtUtc = nowUtc;
        invoice.ConcurrencyStamp = Guid.NewGuid();
        by.Audit.Add(db, by.Actor, Audit.AuditKinds.InvoiceIssued, invoice.Number, invoice.ClientId, "Draft",
            $"Issued: {Money.Format(invoice.TotalMinor, invoice.Currency)} to {client.Name}, due {Billing.BillingText.Date(invoice.DueDate.Value)}");
        await db.SaveChangesAsync(cancellationToken);

        await WriteIssuedMessagesAsync(db, invoice, client, agency, nowUtc, cancellationToken);
    }

    private static string SequenceName(int year) => $"invoice-{year}";

    /// <summary>The invoice e-mail with its PDF (attached by the sender): to the client's billing address, or to its admins.</summary>
    private static async Task WriteIssuedMessagesAsync(
        KtPortalDbContext db, Invoice invoice, Client client, AgencyProfile agency, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var link = $"/invoices/{invoice.Id}";
        await NotificationOutbox.QueueAsync(db, agency,
            new NotificationMessage(NotificationEvent.InvoiceIssued, "invoice-issued", $"invoice-issued:{invoice.Number}", link, InvoiceId: invoice.Id),
            await RecipientsAsync(db, client, cancellationToken),
            _ => InvoiceEmails.Issued(agency.Name, client.Name, invoice.Number!, invoice.Title, invoice.TotalMinor, invoice.Currency, invoice.DueDate!.Value, agency.InvoiceUrl(invoice.Id)),
            nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Who hears about a client's invoices: its billing address when it has one, otherwise its admins.</summary>
    internal static async Task<IReadOnlyList<MessageRecipient>> RecipientsAsync(KtPortalDbContext db, Client client, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(client.BillingEmail))
        {
            return [new MessageRecipient(null, client.BillingEmail.Trim())];
        }

        return await Accounts.ClientAdmins.Active(db, client.Id)
            .Select(u => new MessageRecipient(u.Id, u.Email ?? string.Empty, client.Id)).ToListAsync(cancellationToken);
    }
}
