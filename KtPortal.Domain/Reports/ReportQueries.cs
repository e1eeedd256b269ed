using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// The staff reports, read from the rows the invoices, payments and statements are made of (never a billing rule
/// again): figures are sums of what was issued, paid, credited and refunded. Staff only; a range of at most
/// <see cref="MaxDays"/> days.
/// </summary>
public sealed class ReportQueries(IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings)
{
    public const int MaxDays = 1830;

    /// <summary>
    /// Invoiced (net of tax) and tax by the month an invoice was issued, less voids in the month voided and credit notes
    /// in the month issued; collected by the day money came in, less refunds by the day it went back. Each under the
    /// kind of invoice it belongs to (a credit note standing alone: credit notes).
    /// </summary>
    public async Task<RevenueReport> RevenueAsync(Actor actor, DateOnly from, DateOnly to, int? clientId = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see reports");
        Validate(from, to);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.Clients.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var kinds = await db.Invoices.AsNoTracking().Where(i => i.Status != InvoiceStatus.Draft)
            .Where(i => clientId == null || i.ClientId == clientId)
            .Select(i => new { i.Id, i.ClientId, i.Kind, i.IssueDate, i.SubtotalMinor, i.TaxMinor, i.VoidedAtUtc })
            .ToListAsync(cancellationToken);
        var cells = new Dictionary<(DateOnly Month, int ClientId, RevenueKind Kind), (long Invoiced, long Tax, long Collected)>();
        void Add(DateOnly day, int client, RevenueKind kind, long invoiced, long tax, long collected)
        {
            if (day < from || day > to)
            {
                return;
            }

            var key = (new DateOnly(day.Year, day.Month, 1), client, kind);
            var (i, t, c) = cells.GetValueOrDefault(key);
            cells[key] = (i + invoiced, t + tax, c + collected);
        }

        var kindOf = new Dictionary<int, RevenueKind>();
        foreach (var invoice in kinds)
        {
            var kind = invoice.Kind switch { InvoiceKind.PlanFee => RevenueKind.PlanFee, InvoiceKind.Usage => RevenueKind.Usage, _ => RevenueKind.AdHoc };
            kindOf[invoice.Id] = kind;
            Add(invoice.IssueDate!.Value, invoice.ClientId, kind, invoice.SubtotalMinor, invoice.TaxMinor, 0);
            if (invoice.VoidedAtUtc is { } voided)
            {
                Add(settings.LocalDate(new DateTimeOffset(voided, TimeSpan.Zero)), invoice.ClientId, kind, -invoice.SubtotalMinor, -invoice.TaxMinor, 0);
            }
        }

        var notes = await db.CreditNotes.AsNoTracking().Where(n => n.IssueDate >= from && n.IssueDate <= to && (clientId == null || n.ClientId == clientId))
            .Select(n => new { n.ClientId, n.IssueDate, n.SubtotalMinor, n.TaxMinor }).ToListAsync(cancellationToken);
        foreach (var note in notes)
        {
            Add(note.IssueDate, note.ClientId, RevenueKind.CreditNote, -note.SubtotalMinor, -note.TaxMinor, 0);
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.DeletedAtUtc == null && p.ReceivedOn >= from && p.ReceivedOn <= to && (clientId == null || p.ClientId == clientId))
            .Select(p => new { p.InvoiceId, p.ClientId, p.ReceivedOn, p.AmountMinor }).ToListAsync(cancellationToken);
        foreach (var payment in payments)
        {
            Add(payment.ReceivedOn, payment.ClientId, kindOf.GetValueOrDefault(payment.InvoiceId, RevenueKind.AdHoc), 0, 0, payment.AmountMinor);
        }

        var refunds = await db.PaymentRefunds.AsNoTracking().Where(r => r.RefundedOn >= from && r.RefundedOn <= to && (clientId == null || r.ClientId == clientId))
            .Join(db.Payments.Where(p => p.DeletedAtUtc == null), r => r.PaymentId, p => p.Id, (r, p) => new { r.InvoiceId, r.ClientId, r.RefundedOn, r.AmountMinor })
            .ToListAsync(cancellationToken);
        foreach (var refund in refunds)
        {
            Add(refund.RefundedOn, refund.ClientId, kindOf.GetValueOrDefault(refund.InvoiceId, RevenueKind.AdHoc), 0, 0, -refund.AmountMinor);
        }

        var months = new List<DateOnly>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        var rows = cells.Select(c => new RevenueRow(c.Key.Month, c.Key.ClientId, names.GetValueOrDefault(c.Key.ClientId, $"Client {c.Key.ClientId}"), c.Key.Kind,
                c.Value.Invoiced, c.Value.Tax, c.Value.Collected))
            .OrderBy(r => r.Month).ThenBy(r => r.ClientName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Kind)
            .ToList();
        return new RevenueReport(from, to, settings.Currency, months, rows);
    }

    /// <summary>
    /// Every time entry worked in the range, with what it was charged: <see cref="TimeTracking.TimeEntry.ChargedMinutes"/>,
    /// rule 1 over each ticket's whole life (an earlier entry may have used up the one-hour minimum), as the invoices bill it.
    /// </summary>
    public async Task<TimeEntryReport> TimeEntriesAsync(Actor actor, DateOnly from, DateOnly to, int? clientId = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see reports");
        Validate(from, to);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (first, last) = (from, to); // "from" is a keyword inside a query expression
        var rows = await (
                from e in db.TimeEntries.AsNoTracking()
                join t in db.Tickets.AsNoTracking() on e.TicketId equals t.Id
                join c in db.Clients.AsNoTracking() on t.ClientId equals c.Id
                join u in db.Users.AsNoTracking() on e.StaffId equals u.Id into staff
                from u in staff.DefaultIfEmpty()
                join i in db.Invoices.AsNoTracking() on e.InvoiceId equals i.Id into billed
                from i in billed.DefaultIfEmpty()
                where e.WorkDate >= first && e.WorkDate <= last && (clientId == null || e.ClientId == clientId)
                orderby e.WorkDate descending, e.CreatedAtUtc descending, e.Id descending
                select new TimeEntryRow(e.Id, e.WorkDate, u == null ? e.StaffId : u.DisplayName, t.ClientId, c.Name, t.Number, t.Title, e.WorkType,
                    e.Minutes, e.Billable, e.ChargedMinutes, i == null ? null : i.Number))
            .ToListAsync(cancellationToken);
        return new TimeEntryReport(from, to, rows);
    }

    /// <summary>
    /// Each client's balance and aging on <paramref name="asOf"/>, from its statement (the same code, so the report and
    /// the statement can never disagree); clients that owe nothing and hold no credit are left out. Largest overdue first.
    /// </summary>
    public async Task<ReceivablesReport> ReceivablesAsync(Actor actor, DateOnly asOf, int? clientId = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see reports");
        List<(int Id, string Name)> clients;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            clients = [.. (await db.Clients.AsNoTracking().Where(c => clientId == null || c.Id == clientId).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.Name))];
        }

        var statements = new Invoices.Statements.StatementQueries(contextFactory, settings);
        var from = asOf.AddDays(-(Invoices.Statements.StatementQueries.MaxDays - 1));
        var rows = new List<ReceivablesRow>();
        foreach (var (id, name) in clients)
        {
            var statement = await statements.GetAsync(Actor.System, id, from, asOf, cancellationToken);
            if (statement.Aging.TotalMinor != 0 || statement.UnappliedCreditMinor != 0)
            {
                rows.Add(new ReceivablesRow(id, name, statement.ClosingMinor, statement.Aging, statement.UnappliedCreditMinor));
            }
        }

        return new ReceivablesReport(asOf, settings.Currency,
            [.. rows.OrderByDescending(r => r.OverdueMinor).ThenByDescending(r => r.Aging.TotalMinor).ThenBy(r => r.ClientName, StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>
    /// What is on its way to an invoice, per client, now: draft usage invoices (pending charges, kept current by the
    /// billing run), billable time on no issued invoice (charged as the billing engine charges it), and ad-hoc drafts.
    /// </summary>
    public async Task<UnbilledReport> UnbilledAsync(Actor actor, int? clientId = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see reports");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var clients = await db.Clients.AsNoTracking().Where(c => clientId == null || c.Id == clientId).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var drafts = await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Draft && (clientId == null || i.ClientId == clientId))
            .Select(i => new { i.ClientId, i.Kind, i.TotalMinor }).ToListAsync(cancellationToken);
        // Charged as the invoices bill it (rule 1, stored per entry), summed per client by the database from a covering
        // index: time on no invoice, and time on draft invoices, as two sums (an OR across them would read every row).
        var onNone = await db.TimeEntries.AsNoTracking()
            .Where(e => e.InvoiceId == null && e.Billable && (clientId == null || e.ClientId == clientId))
            .GroupBy(e => e.ClientId)
            .Select(g => new ClientTime(g.Key, g.Sum(e => e.Minutes), g.Sum(e => e.ChargedMinutes)))
            .ToListAsync(cancellationToken);
        var onDrafts = await (
                from i in db.Invoices.AsNoTracking()
                join e in db.TimeEntries.AsNoTracking() on i.Id equals e.InvoiceId
                where i.Status == InvoiceStatus.Draft && e.Billable && (clientId == null || e.ClientId == clientId)
                group e by e.ClientId into g
                select new ClientTime(g.Key, g.Sum(e => e.Minutes), g.Sum(e => e.ChargedMinutes)))
            .ToListAsync(cancellationToken);
        var unbilled = onNone.Concat(onDrafts).GroupBy(t => t.ClientId)
            .ToDictionary(g => g.Key, g => new ClientTime(g.Key, g.Sum(t => t.Minutes), g.Sum(t => t.Charged)));

        var draftsOf = drafts.ToLookup(d => d.ClientId);
        var rows = clients.Select(c => new UnbilledRow(
                c.Key, c.Value,
                draftsOf[c.Key].Where(d => d.Kind == InvoiceKind.Usage).Sum(d => d.TotalMinor),
                unbilled.GetValueOrDefault(c.Key)?.Minutes ?? 0,
                unbilled.GetValueOrDefault(c.Key)?.Charged ?? 0,
                draftsOf[c.Key].Count(d => d.Kind == InvoiceKind.AdHoc),
                draftsOf[c.Key].Where(d => d.Kind == InvoiceKind.AdHoc).Sum(d => d.TotalMinor)))
            .Where(r => r.PendingChargesMinor != 0 || r.UnbilledMinutes != 0 || r.DraftCount != 0)
            .OrderByDescending(r => r.PendingChargesMinor + r.DraftsMinor).ThenBy(r => r.ClientName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new UnbilledReport(settings.Currency, rows);
    }

    private sealed record ClientTime(int ClientId, int Minutes, int Charged);

    internal static void Validate(DateOnly from, DateOnly to) =>
        new Validation()
            .Check(from <= to, "From", "The first day must not be after the last.")
            .Check(to.DayNumber - from.DayNumber < MaxDays, "To", $"A report covers at most {MaxDays} days (five years).")
            .ThrowIfInvalid();
}

/// <summary>The ranges a report offers: this month, last month, this quarter, this year, or custom days.</summary>
public static class ReportRanges
{
    public static (DateOnly From, DateOnly To) ThisMonth(DateOnly today) => (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1));

    public static (DateOnly From, DateOnly To) LastMonth(DateOnly today) => ThisMonth(new DateOnly(today.Year, today.Month, 1).AddDays(-1));

    public static (DateOnly From, DateOnly To) ThisQuarter(DateOnly today)
    {
        var first = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return (first, first.AddMonths(3).AddDays(-1));
    }

    public static (DateOnly From, DateOnly To) ThisYear(DateOnly today) => (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
}
