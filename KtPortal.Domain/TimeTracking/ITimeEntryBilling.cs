using KtPortal.Domain.Common;
using KtPortal.Domain.Data;

namespace KtPortal.Domain.TimeTracking;

/// <summary>
/// What logging time needs from billing, which sits above time tracking (docs/architecture.md): the open period a
/// work date belongs to (rule 2), why an entry can no longer change (rules 2 and 5), and what must follow a change
/// inside the same transaction (rule 4's thresholds, the pending-charges draft). Invoices implements it, the one
/// feature that knows periods, usage and invoices together.
/// </summary>
public interface ITimeEntryBilling
{
    /// <summary>
    /// The id of the period holding <paramref name="workDate"/>, opened if needed. Throws
    /// <see cref="ValidationFailedException"/> on <paramref name="field"/> when the date is before the client's first
    /// period or in a closed one.
    /// </summary>
    Task<int> OpenPeriodAsync(KtPortalDbContext db, int clientId, DateOnly workDate, string field, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="ValidationFailedException"/> on <paramref name="field"/> when the entry is billed on an
    /// invoice or reserved by a draft (rule 5).</summary>
    Task RefuseIfInvoicedAsync(KtPortalDbContext db, TimeEntry entry, string field, CancellationToken cancellationToken);

    /// <summary>Why each entry of the client can no longer change, by entry id; entries still open are absent. Reads only.</summary>
    Task<IReadOnlyDictionary<long, string>> LockReasonsAsync(
        KtPortalDbContext db, int clientId, IReadOnlyCollection<TimeEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// After entries changed in these periods, inside the writer's transaction: each period's usage computed once, its
    /// thresholds checked and its pending-charges draft brought in line. Returns the changes to publish after commit.
    /// </summary>
    Task<IReadOnlyList<PortalChange>> AfterChangeAsync(
        KtPortalDbContext db, IReadOnlyCollection<int> periodIds, DateTime nowUtc, CancellationToken cancellationToken);
}
