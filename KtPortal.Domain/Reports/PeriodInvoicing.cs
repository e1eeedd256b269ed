using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>What billing periods were invoiced, read from the invoices the billing run issued for them.</summary>
internal static class PeriodInvoicing
{
    /// <summary>Per period: plan fee and usage invoiced, net of tax, from issued invoices not voided, less their credit notes.</summary>
    public static async Task<Dictionary<int, (long Fee, long Usage)>> InvoicedAsync(KtPortalDbContext db, List<int> periodIds, CancellationToken cancellationToken)
    {
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.BillingPeriodId != null && periodIds.Contains(i.BillingPeriodId.Value) && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void)
            .Select(i => new { i.Id, PeriodId = i.BillingPeriodId!.Value, i.Kind, i.SubtotalMinor })
            .ToListAsync(cancellationToken);
        var invoiceIds = invoices.Select(i => i.Id).ToList();
        var credited = (await db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId != null && invoiceIds.Contains(n.InvoiceId.Value))
                .Select(n => new { InvoiceId = n.InvoiceId!.Value, n.SubtotalMinor }).ToListAsync(cancellationToken))
            .GroupBy(n => n.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(n => n.SubtotalMinor));
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
    public static async Task<ILookup<int, PeriodInvoiceLink>> InvoicesAsync(KtPortalDbContext db, List<int> periodIds, CancellationToken cancellationToken) =>
        (await db.Invoices.AsNoTracking()
            .Where(i => i.BillingPeriodId != null && periodIds.Contains(i.BillingPeriodId.Value) && i.Status != InvoiceStatus.Draft)
            .OrderBy(i => i.Id)
            .Select(i => new { PeriodId = i.BillingPeriodId!.Value, Link = new PeriodInvoiceLink(i.Id, i.Number!, i.Kind, i.TotalMinor, i.Status) })
            .ToListAsync(cancellationToken))
        .ToLookup(i => i.PeriodId, i => i.Link);
}
