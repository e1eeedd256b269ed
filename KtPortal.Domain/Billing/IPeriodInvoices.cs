using KtPortal.Domain.Data;

namespace KtPortal.Domain.Billing;

/// <summary>
/// The invoices that hang on a billing period, as billing (below invoices, docs/architecture.md) needs to know them
/// when a plan change drops an open period, or an overage decision changes what is billable. Invoices implements it.
/// </summary>
public interface IPeriodInvoices
{
    /// <summary>
    /// Removes the period's pending-charges drafts so the period can be dropped (its time is billed again in the
    /// period that reopens). Returns false, removing nothing, when an issued invoice bills the period.
    /// </summary>
    Task<bool> ReleaseAsync(KtPortalDbContext db, int periodId, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the open period's pending-charges draft in line after billing changed what is billable without a time
    /// write (an overage approval or hold); returns true when the draft changed.
    /// </summary>
    Task<bool> SyncPendingAsync(KtPortalDbContext db, BillingPeriod period, DateTime nowUtc, CancellationToken cancellationToken);
}
