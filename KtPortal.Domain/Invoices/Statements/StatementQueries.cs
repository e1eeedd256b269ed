using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices.Statements;

/// <summary>
/// A client's statement, built from the same rows the invoices and payments pages show: issued invoices (never drafts),
/// live payments (deleted ones never happened) and their refunds, credit notes, and voids (a void takes its invoice back
/// on the day it was voided).
/// Staff see any client's; a client's admins, and users with billing access, their own; anyone else gets not found.
/// </summary>
public sealed class StatementQueries(IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings)
{
    /// <summary>A statement covers at most this many days (ten years): enough for any bookkeeper, bounded for the server.</summary>
    public const int MaxDays = 3660;

    public async Task<ClientStatement> GetAsync(Actor actor, int clientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        new Validation()
            .Check(from <= to, "From", "The first day must not be after the last.")
            .Check(to.DayNumber - from.DayNumber < MaxDays, "To", $"A statement covers at most {MaxDays} days.")
            .ThrowIfInvalid();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var mayRead = actor.IsStaff || (actor.ClientId == clientId && await Accounts.BillingAccess.CanSeeChargesAsync(db, actor, cancellationToken));
        var client = mayRead ? await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Id, c.Name, c.MonthlyStatement }).SingleOrDefaultAsync(cancellationToken) : null;
        if (client is null)
        {
            throw new NotFoundException("The client");
        }

        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.Status != InvoiceStatus.Draft && i.IssueDate != null && i.IssueDate <= to)
            .Select(i => new { i.Id, i.Number, i.Title, i.TotalMinor, IssueDate = i.IssueDate!.Value, i.DueDate, i.VoidedAtUtc })
            .ToListAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.ClientId == clientId && p.DeletedAtUtc == null && p.ReceivedOn <= to)
            .Select(p => new { p.Id, p.InvoiceId, p.AmountMinor, p.ReceivedOn, p.Method, p.Reference })
            .ToListAsync(cancellationToken);
        var notes = await db.CreditNotes.AsNoTracking()
            .Where(n => n.ClientId == clientId && n.IssueDate <= to)
            .Select(n => new { n.Id, n.Number, n.InvoiceId, n.IssueDate, n.Reason, n.TotalMinor })
            .ToListAsync(cancellationToken);
        var refunds = await db.PaymentRefunds.AsNoTracking()
            .Where(r => r.ClientId == clientId && r.RefundedOn <= to)
            .Join(db.Payments.Where(p => p.DeletedAtUtc == null), r => r.PaymentId, p => p.Id, (r, p) => new { r.Id, r.InvoiceId, r.AmountMinor, r.RefundedOn, r.Reason })
            .ToListAsync(cancellationToken);
        var numbers = invoices.ToDictionary(i => i.Id, i => i.Number ?? $"Invoice {i.Id}");
        string NumberOf(int invoiceId) => numbers.GetValueOrDefault(invoiceId, $"Invoice {invoiceId}");

        var movements = new List<(DateOnly Date, int Order, StatementEntryKind Kind, string Reference, string Description, long Debit, long Credit, int InvoiceId, int DocumentId)>();
        foreach (var invoice in invoices)
        {
            movements.Add((invoice.IssueDate, 0, StatementEntryKind.Invoice, numbers[invoice.Id], invoice.Title, invoice.TotalMinor, 0, invoice.Id, invoice.Id));
            if (invoice.VoidedAtUtc is { } voided && settings.LocalDate(new DateTimeOffset(voided, TimeSpan.Zero)) is var voidDay && voidDay <= to)
            {
                movements.Add((voidDay, 3, StatementEntryKind.Void, numbers[invoice.Id], "Invoice voided", 0, invoice.TotalMinor, invoice.Id, invoice.Id));
            }
        }

        foreach (var payment in payments)
        {
            var how = PaymentRules.Label(payment.Method) + (payment.Reference.Length > 0 ? $" ({payment.Reference})" : string.Empty);
            movements.Add((payment.ReceivedOn, 1, StatementEntryKind.Payment, NumberOf(payment.InvoiceId), $"Payment: {how}", 0, payment.AmountMinor, payment.InvoiceId, payment.InvoiceId));
        }

        foreach (var note in notes)
        {
            var on = note.InvoiceId is { } invoiceId ? $"Credit note on {NumberOf(invoiceId)}: " : "Credit note: ";
            movements.Add((note.IssueDate, 2, StatementEntryKind.CreditNote, note.Number, on + note.Reason, 0, note.TotalMinor, note.InvoiceId ?? 0, note.Id));
        }

        foreach (var refund in refunds)
        {
            movements.Add((refund.RefundedOn, 2, StatementEntryKind.Refund, NumberOf(refund.InvoiceId), $"Refund: {refund.Reason}", refund.AmountMinor, 0, refund.InvoiceId, refund.InvoiceId));
        }

        var ordered = movements.OrderBy(m => m.Date).ThenBy(m => m.Order).ThenBy(m => m.InvoiceId).ThenBy(m => m.Reference, StringComparer.Ordinal).ToList();
        var opening = ordered.Where(m => m.Date < from).Sum(m => m.Debit - m.Credit);
        var balance = opening;
        var lines = new List<StatementLine>();
        foreach (var m in ordered.Where(m => m.Date >= from))
        {
            balance += m.Debit - m.Credit;
            lines.Add(new StatementLine(m.Date, m.Kind, m.Reference, m.Description, m.Debit, m.Credit, balance, m.InvoiceId) { DocumentId = m.DocumentId });
        }

        // Aging as of the last day: each invoice not voided by then, less its credit notes and what was paid on it (net
        // of refunds) by then, by days past due. Credit notes standing alone are credit on the account.
        var paidOn = payments.GroupBy(p => p.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(p => p.AmountMinor));
        var refundedOn = refunds.GroupBy(r => r.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(r => r.AmountMinor));
        var creditedOn = notes.Where(n => n.InvoiceId is not null).GroupBy(n => n.InvoiceId!.Value).ToDictionary(g => g.Key, g => g.Sum(n => n.TotalMinor));
        long current = 0, d30 = 0, d60 = 0, d90 = 0, over = 0;
        var unapplied = notes.Where(n => n.InvoiceId is null).Sum(n => n.TotalMinor);
        foreach (var invoice in invoices.Where(i => i.VoidedAtUtc is null || settings.LocalDate(new DateTimeOffset(i.VoidedAtUtc.Value, TimeSpan.Zero)) > to))
        {
            var left = invoice.TotalMinor - creditedOn.GetValueOrDefault(invoice.Id)
                - paidOn.GetValueOrDefault(invoice.Id) + refundedOn.GetValueOrDefault(invoice.Id);
            if (left < 0)
            {
                unapplied -= left;
                continue;
            }

            var late = invoice.DueDate is { } due ? to.DayNumber - due.DayNumber : 0;
            switch (late)
            {
                case <= 0: current += left; break;
                case <= 30: d30 += left; break;
                case <= 60: d60 += left; break;
                case <= 90: d90 += left; break;
                default: over += left; break;
            }
        }

        return new ClientStatement(
            client.Id, client.Name, settings.Currency, from, to, opening, lines,
            lines.Where(l => l.Kind == StatementEntryKind.Invoice).Sum(l => l.DebitMinor),
            lines.Where(l => l.Kind == StatementEntryKind.Payment).Sum(l => l.CreditMinor),
            lines.Where(l => l.Kind is StatementEntryKind.Void or StatementEntryKind.CreditNote).Sum(l => l.CreditMinor),
            lines.Where(l => l.Kind == StatementEntryKind.Refund).Sum(l => l.DebitMinor),
            balance,
            new AgingBuckets(current, d30, d60, d90, over),
            unapplied)
        {
            MonthlyByEmail = client.MonthlyStatement,
        };
    }
}
