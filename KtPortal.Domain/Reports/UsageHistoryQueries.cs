using KtPortal.Domain.Accounts;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// A client's usage history: its last <see cref="Periods"/> billing periods with the usage the billing engine computes
/// and what each invoiced, the figures of the plans report for one client. Scoped to the actor: staff, or the client's
/// own people; money only for those who may see charges (<see cref="BillingAccess"/>).
/// </summary>
public sealed class UsageHistoryQueries(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, PortalSettings settings)
{
    public const int Periods = 12;

    /// <summary>Null when the actor may not see the client or it does not exist.</summary>
    public async Task<UsageHistory?> GetAsync(Actor actor, int clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSeeClient(clientId))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var today = settings.Today(clock);
        var latest = db.BillingPeriods.AsNoTracking().Where(p => p.ClientId == clientId).OrderByDescending(p => p.StartDate).Take(Periods);
        var opened = await latest.ToListAsync(cancellationToken);
        // The current period may not be open yet (nobody logged time since it began): shown as it will open.
        var (_, unopened) = await BillingPeriodLedger.LookUpAsync(db, clientId, today, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var periods = opened.Concat(unopened).OrderByDescending(p => p.StartDate).Take(Periods).ToList();
        var usage = await PeriodUsageBatch.ReadAsync(db, periods, latest, cancellationToken);
        var showsMoney = await BillingAccess.CanSeeChargesAsync(db, actor, cancellationToken);
        var ids = periods.Where(p => p.Id != 0).Select(p => p.Id).ToList();
        var shown = db.BillingPeriods.Where(p => ids.Contains(p.Id));
        var invoiced = showsMoney ? await PeriodInvoicing.InvoicedAsync(db, shown, cancellationToken) : [];
        var invoices = showsMoney ? await PeriodInvoicing.InvoicesAsync(db, shown, cancellationToken) : Enumerable.Empty<PeriodInvoiceLink>().ToLookup(_ => 0);

        var rows = periods.Select(p =>
        {
            var u = usage[p];
            var (fee, usageInvoiced) = p.Id == 0 ? default : invoiced.GetValueOrDefault(p.Id);
            var row = new PlanPeriodRow(clientId, name, p.Range, p.HasPlan ? p.PlanName : null, p.IncludedMinutes, u.UsedMinutes, u.OverageMinutes,
                u.OutOfPlanMinutes, u.ChargedMinutes, fee, usageInvoiced, p.IsClosed(today));
            return new UsageHistoryRow(row, p.Id == 0 ? [] : [.. invoices[p.Id]]);
        }).ToList();
        return new UsageHistory(clientId, settings.Currency, showsMoney, rows);
    }
}
