using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// Billing's side of logging time (<see cref="ITimeEntryBilling"/>): periods, locks, and the one usage computation
/// per change that both the thresholds and the pending-charges draft read.
/// </summary>
public sealed class TimeEntryBilling(TimeProvider clock, PortalSettings settings, AgencyProfile agency) : ITimeEntryBilling
{
    public async Task<int> OpenPeriodAsync(KtPortalDbContext db, int clientId, DateOnly workDate, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var period = await BillingPeriodLedger.EnsureContainingAsync(db, clientId, workDate, clock.GetUtcNow().UtcDateTime, cancellationToken)
            ?? throw new ValidationFailedException(field, "This date is before the client's first billing period. Log the time in the open period instead.");
        if (period.IsClosed(settings.Today(clock)))
        {
            throw new ValidationFailedException(field, BillingText.ClosedPeriod(period));
        }

        return period.Id;
    }

    public async Task RefuseIfInvoicedAsync(KtPortalDbContext db, TimeEntry entry, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.InvoiceId is not { } invoiceId)
        {
            return;
        }

        var number = await db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.Number).SingleOrDefaultAsync(cancellationToken);
        throw new ValidationFailedException(field, InvoicedMessage(number));
    }

    public async Task<IReadOnlyDictionary<long, string>> LockReasonsAsync(
        KtPortalDbContext db, int clientId, IReadOnlyCollection<TimeEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var today = settings.Today(clock);
        var periods = await db.BillingPeriods.AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync(cancellationToken);
        var invoiceIds = entries.Where(e => e.InvoiceId is not null).Select(e => e.InvoiceId!.Value).Distinct().ToList();
        var numbers = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Number }).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
        var reasons = new Dictionary<long, string>();
        foreach (var entry in entries)
        {
            var reason = entry.InvoiceId is { } invoiceId
                ? InvoicedMessage(numbers.GetValueOrDefault(invoiceId))
                : ClosedReason(periods, entry.WorkDate, today);
            if (reason is not null)
            {
                reasons[entry.Id] = reason;
            }
        }

        return reasons;
    }

    public async Task<IReadOnlyList<PortalChange>> AfterChangeAsync(
        KtPortalDbContext db, IReadOnlyCollection<int> periodIds, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(periodIds);
        var notices = new List<PortalChange>();
        foreach (var id in periodIds.Distinct())
        {
            var period = await db.BillingPeriods.SingleAsync(p => p.Id == id, cancellationToken);
            var usage = await PeriodUsageReader.ReadAsync(db, period, cancellationToken);
            notices.AddRange(await ThresholdNotifier.CheckAsync(db, agency, usage, nowUtc, cancellationToken));
            notices.AddRange(await Billing.Consent.OverageConsentKeeper.CheckAsync(db, agency, usage, nowUtc, cancellationToken));
            await UsageInvoiceBuilder.SyncDraftAsync(db, period, nowUtc, cancellationToken, usage);
        }

        return notices;
    }

    /// <summary>Rule 2's lock message, or null while the entry's period is open (or not opened yet).</summary>
    private static string? ClosedReason(IEnumerable<BillingPeriod> periods, DateOnly workDate, DateOnly today)
    {
        var period = periods.FirstOrDefault(p => p.StartDate <= workDate && workDate < p.EndDate);
        if (period is null)
        {
            return workDate > today ? null : "This date is before the client's first billing period.";
        }

        return period.IsClosed(today) ? BillingText.ClosedPeriod(period) : null;
    }

    /// <summary>Rule 5: time billed on an invoice (or reserved by a draft billing it) is locked.</summary>
    private static string InvoicedMessage(string? invoiceNumber) => invoiceNumber is null
        ? "This time is on a draft invoice. Delete the draft to change it."
        : $"This time is billed on invoice {invoiceNumber} and can no longer be changed.";
}
