using KtPortal.Domain.Billing;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>Invoices' answer to billing when a plan change drops an open period or an overage decision changes the bill (<see cref="IPeriodInvoices"/>).</summary>
public sealed class PeriodInvoices : IPeriodInvoices
{
    public async Task<bool> ReleaseAsync(KtPortalDbContext db, int periodId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var invoices = await db.Invoices.Where(i => i.BillingPeriodId == periodId).ToListAsync(cancellationToken);
        if (invoices.Any(i => !i.IsDraft))
        {
            return false;
        }

        db.Invoices.RemoveRange(invoices);
        return true;
    }

    public Task<bool> SyncPendingAsync(KtPortalDbContext db, BillingPeriod period, DateTime nowUtc, CancellationToken cancellationToken) =>
        UsageInvoiceBuilder.SyncDraftAsync(db, period, nowUtc, cancellationToken);
}
