using KtPortal.Domain.Billing;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// What billing periods were invoiced, read from the invoices the billing run issued for them. The periods come as a
/// query, so the database joins them: a list of thousands of ids would be thousands of SQL parameters.
/// </summary>
internal static class PeriodInvoicing
{
    /// <summary>Per period: plan fee and usage invoiced, net of tax, from issued invoices not voided, less their credit notes.</summary>
    public static async Task<Dictionary<int, (long Fee, long Usage)>> InvoicedAsync(KtPortalDbContext db, IQueryable<BillingPeriod> periods, CancellationToken cancellationToken)
    {
        var issued = db.Invoices.AsNoTracking()
            .Where(i => i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && periods.Any(p => p.Id == i.BillingPeriodId));
        var invoices = await issued.Select(i => new { i.Id, PeriodId = i.BillingPeriodId!.Value, i.Kind, i.SubtotalMinor }).ToListAsync(cancellationToken);
        var credited = await db.CreditNotes.AsNoTracking().Where(n => issued.Any(i => i.Id == n.InvoiceId))
            .GroupBy(n => n.InvoiceId!.Value)
            .Select(g => new { InvoiceId = g.Key, Minor = g.Sum(n => n.SubtotalMinor) })
            .ToDictionaryAsync(n => n.InvoiceId, n => n.Minor, cancellationToken);
        var result = new Dictionary<int, (long Fee, long Usage)>();
        foreach (var invoice in invoices)
        {
            var net = invoice.SubtotalMinor - credited.GetValueOrDefault(invoice.Id);
            var (fee, usage) = result.GetValueOrDefault(invoice.PeriodId);
            result[invoice.PeriodId] = invoice.Kind == InvoiceKind.PlanFee ? (fee + net, usage) : (fee, usage + net);
        }

        return result;
    }

    /// <summary>The issued invoices of each period (not drafts), newest last.</summary>
    public static async Task<ILookup<int, PeriodInvoiceLink>> InvoicesAsync(KtPortalDbContext db, IQueryable<BillingPeriod> periods, CancellationToken cancellationToken) =>
        (await db.Invoices.AsNoTracking()
            .Where(i => i.Status != InvoiceStatus.Draft && periods.Any(p => p.Id == i.BillingPeriodId))
            .OrderBy(i => i.Id)
            .Select(i => new { PeriodId = i.BillingPeriodId!.Value, Link = new PeriodInvoiceLink(i.Id, i.Number!, i.Kind, i.TotalMinor, i.Status) })
            .ToListAsync(cancellationToken))
        .ToLookup(i => i.PeriodId, i => i.Link);
}
