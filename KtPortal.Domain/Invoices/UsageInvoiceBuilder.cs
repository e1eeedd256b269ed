using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// A period's usage invoice (rule 5): overage and out-of-plan time, one line per ticket and work type at the period's
/// rates, plus the hours statement of every ticket. Overage the client did not approve (reading 24) is on the statement
/// as held and on no line. While the period is open it is a draft that follows the time as
/// it is logged ("pending charges"); the billing cycle issues it when the period closes.
/// </summary>
internal static class UsageInvoiceBuilder
{
    public sealed record UsageBill(List<InvoiceLine> Lines, List<HoursStatementRow> Statement, List<long> EntryIds);

    /// <summary>
    /// What the period's usage invoice should hold now (or, with <paramref name="ticketId"/>, that ticket's part of it).
    /// Entries already billed on an invoice other than <paramref name="usageInvoiceId"/> are left out.
    /// </summary>
    public static async Task<UsageBill> BuildAsync(
        KtPortalDbContext db, BillingPeriod period, int? usageInvoiceId, CancellationToken cancellationToken, int? ticketId = null, PeriodUsageDetail? usage = null)
    {
        var detail = usage ?? await PeriodUsageReader.ReadAsync(db, period, cancellationToken);
        var entryIds = detail.Usage.Entries.Select(e => e.EntryId).ToList();
        var billedElsewhere = (await db.TimeEntries
            .Where(e => entryIds.Contains(e.Id) && e.InvoiceId != null && e.InvoiceId != usageInvoiceId)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        var tickets = detail.Tickets.ToDictionary(t => t.TicketId);

        var billable = detail.Usage.Entries
            .Where(e => !billedElsewhere.Contains(e.EntryId) && e.BilledMinutes > 0)
            .Where(e => ticketId is null || e.TicketId == ticketId)
            .ToList();
        var lines = billable
            .GroupBy(e => (e.TicketId, e.WorkType))
            .Select(g =>
            {
                var ticket = tickets[g.Key.TicketId];
                var minutes = g.Sum(e => e.BilledMinutes);
                var rate = period.RateFor(g.Key.WorkType);
                return new InvoiceLine
                {
                    Description = LineDescription(period, ticket, g.Key.WorkType),
                    Minutes = minutes,
                    UnitPriceMinor = rate,
                    AmountMinor = BillingMath.Amount(minutes, rate),
                    TicketNumber = ticket.Number,
                };
            })
            .OrderBy(l => l.TicketNumber).ThenBy(l => l.Description, StringComparer.Ordinal)
            .ToList();
        var statement = detail.Tickets.Select(t => new HoursStatementRow
        {
            TicketNumber = t.Number,
            Title = t.Title,
            Covered = t.Covered,
            LoggedMinutes = t.LoggedMinutes,
            ChargedMinutes = t.ChargedMinutes,
            FromPlanMinutes = t.FromPlanMinutes,
            OverageMinutes = t.OverageMinutes,
            OutOfPlanMinutes = t.OutOfPlanMinutes,
            HeldMinutes = t.HeldMinutes,
        }).ToList();
        return new UsageBill(lines, statement, billable.Select(e => e.EntryId).ToList());
    }

    /// <summary>
    /// Brings an open period's draft usage invoice in line with its time: created when there is something to bill,
    /// updated as time changes, removed when nothing is left. Returns the client's id when the draft changed.
    /// </summary>
    /// <param name="usage">The period's usage when the caller (a time entry write) has already computed it after its change.</param>
    public static async Task<bool> SyncDraftAsync(
        KtPortalDbContext db, BillingPeriod period, DateTime nowUtc, CancellationToken cancellationToken, PeriodUsageDetail? usage = null)
    {
        var draft = await db.Invoices.Include(i => i.Lines)
            .SingleOrDefaultAsync(i => i.BillingPeriodId == period.Id && i.Kind == InvoiceKind.Usage, cancellationToken);
        if (draft is { IsDraft: false })
        {
            return false;
        }

        var bill = await BuildAsync(db, period, draft?.Id, cancellationToken, usage: usage);
        if (bill.Lines.Count == 0)
        {
            if (draft is null)
            {
                return false;
            }

            db.Invoices.Remove(draft);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        // The statement follows every change (covered time moves it too); the lines only when what is billable changed.
        var linesChanged = draft is null || !SameLines(draft.Lines, bill.Lines);
        draft ??= NewUsageInvoice(db, period, nowUtc);
        if (linesChanged)
        {
            var taxBasisPoints = await db.Clients.Where(c => c.Id == period.ClientId).Select(c => c.TaxRateBasisPoints).SingleAsync(cancellationToken);
            Fill(draft, bill);
            draft.UpdatedAtUtc = nowUtc;
            InvoiceRules.ApplyTotals(draft, taxBasisPoints);
        }
        else
        {
            draft.HoursStatement = bill.Statement;
        }

        await db.SaveChangesAsync(cancellationToken);
        return linesChanged;
    }

    /// <summary>
    /// Closes an ended period inside the caller's transaction: issues its usage invoice when there is something to
    /// bill (and locks the entries on it), removes an empty draft, and stamps the period closed.
    /// </summary>
    public static async Task<Invoice?> CloseAsync(
        KtPortalDbContext db, BillingPeriod period, AgencyProfile agency, PortalSettings settings, DateTime nowUtc, ActedBy by, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.Include(i => i.Lines)
            .SingleOrDefaultAsync(i => i.BillingPeriodId == period.Id && i.Kind == InvoiceKind.Usage, cancellationToken);
        Invoice? issued = null;
        if (invoice is null || invoice.IsDraft)
        {
            var bill = await BuildAsync(db, period, invoice?.Id, cancellationToken);
            if (bill.Lines.Count == 0)
            {
                if (invoice is not null)
                {
                    db.Invoices.Remove(invoice);
                }
            }
            else
            {
                invoice ??= NewUsageInvoice(db, period, nowUtc);
                Fill(invoice, bill);
                await db.SaveChangesAsync(cancellationToken);
                await InvoiceIssuer.IssueAsync(db, invoice, agency, settings, nowUtc, by, cancellationToken);
                await db.TimeEntries.Where(e => bill.EntryIds.Contains(e.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.InvoiceId, invoice.Id), cancellationToken);
                issued = invoice;
            }
        }

        period.ClosedAtUtc = nowUtc;
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    private static void Fill(Invoice invoice, UsageBill bill)
    {
        invoice.Lines.Clear();
        invoice.Lines.AddRange(bill.Lines);
        invoice.HoursStatement = bill.Statement;
    }

    private static Invoice NewUsageInvoice(KtPortalDbContext db, BillingPeriod period, DateTime nowUtc)
    {
        var invoice = new Invoice
        {
            ClientId = period.ClientId,
            Kind = InvoiceKind.Usage,
            Status = InvoiceStatus.Draft,
            BillingPeriodId = period.Id,
            Title = period.HasPlan
                ? $"Overage and out-of-plan time, {BillingText.Range(period.Range)}"
                : $"Time, {BillingText.Range(period.Range)}",
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
        };
        db.Invoices.Add(invoice);
        return invoice;
    }

    private static string LineDescription(BillingPeriod period, TicketUsage ticket, WorkType workType)
    {
        var what = workType == WorkType.Development ? "Development" : "Support";
        var why = !period.HasPlan ? string.Empty : ticket.Covered ? " (plan overage)" : " (not covered by the plan)";
        return $"{Tickets.TicketNumber.Format(ticket.Number)} {ticket.Title}: {what}{why}";
    }

    private static bool SameLines(IReadOnlyCollection<InvoiceLine> current, IReadOnlyCollection<InvoiceLine> wanted) =>
        current.Count == wanted.Count
        && current.OrderBy(l => l.Position).Zip(wanted).All(p =>
            p.First.Description == p.Second.Description && p.First.Minutes == p.Second.Minutes && p.First.UnitPriceMinor == p.Second.UnitPriceMinor);
}
