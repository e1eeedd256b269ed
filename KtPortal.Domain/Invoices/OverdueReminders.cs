using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// Overdue reminders at 1, 7 and 14 days past due, each at most once per invoice. A portal that was off sends only
/// the latest stage due, not a burst of all three. The stage is claimed with a conditional update in the same
/// transaction as the outbox row, so overlapping runs cannot send one twice.
/// </summary>
internal static class OverdueReminders
{
    public static async Task<int> QueueAsync(
        IDbContextFactory<KtPortalDbContext> contextFactory, AgencyProfile agency, DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var firstStage = InvoiceRules.ReminderDays[0];
        var lastDue = today.AddDays(-firstStage);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var overdue = await db.Invoices.AsNoTracking()
            .Where(i => (i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid) && i.DueDate != null && i.DueDate <= lastDue)
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var invoice in overdue)
        {
            var daysLate = today.DayNumber - invoice.DueDate!.Value.DayNumber;
            var stage = InvoiceRules.ReminderDays.Where(d => d <= daysLate).Max();
            if (stage <= invoice.OverdueReminderDays)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Invoices
                .Where(i => i.Id == invoice.Id && (i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid) && i.OverdueReminderDays < stage)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OverdueReminderDays, stage), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId, cancellationToken);
            var link = $"/invoices/{invoice.Id}";
            await NotificationOutbox.QueueAsync(db, agency,
                new NotificationMessage(NotificationEvent.InvoiceOverdue, "invoice-overdue", $"invoice-overdue:{invoice.Number}:{stage}", link),
                await InvoiceIssuer.RecipientsAsync(db, client, cancellationToken),
                _ => InvoiceEmails.Overdue(client.Name, invoice.Number!, invoice.TotalMinor, PaymentRules.Balance(invoice.DueMinor, invoice.PaidMinor),
                    invoice.Currency, invoice.DueDate.Value, daysLate, agency.InvoiceUrl(invoice.Id)),
                nowUtc, cancellationToken);

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            queued++;
        }

        return queued;
    }
}
