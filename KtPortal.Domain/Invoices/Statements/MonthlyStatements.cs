using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices.Statements;

/// <summary>
/// On or after the 1st, each client that opted in gets last month's statement, PDF attached, once: the month is in the
/// outbox key, so a repeated or overlapping run, or one after downtime, queues nothing twice. A portal that was off
/// for months sends only the latest month. A month with no movements and nothing owed sends nothing.
/// </summary>
internal static class MonthlyStatements
{
    public static async Task<int> QueueAsync(
        IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings, AgencyProfile agency, DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var to = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var from = new DateOnly(to.Year, to.Month, 1);
        var statements = new StatementQueries(contextFactory, settings);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var clients = await db.Clients.AsNoTracking().Where(c => c.MonthlyStatement).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var client in clients)
        {
            var key = $"monthly-statement:{client.Id}:{from:yyyy-MM}";
            if (await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey.StartsWith(key + ":"), cancellationToken))
            {
                continue;
            }

            var statement = await statements.GetAsync(Actor.System, client.Id, from, to, cancellationToken);
            if (statement.Lines.Count == 0 && statement.ClosingMinor == 0)
            {
                continue;
            }

            var link = $"/clients/{client.Id}/statement?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
            await NotificationOutbox.QueueAsync(db, agency,
                new NotificationMessage(null, "monthly-statement", key, link, Attachment: InvoiceAttachments.Statement(client.Id, from, to)),
                await InvoiceIssuer.RecipientsAsync(db, client, cancellationToken),
                _ => InvoiceEmails.MonthlyStatement(agency.Name, client.Name, statement, agency.Absolute(link)),
                nowUtc, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }
            catch (DbUpdateException)
            {
                // An overlapping run queued it first (the key is unique): theirs goes, this one is dropped.
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }
}
