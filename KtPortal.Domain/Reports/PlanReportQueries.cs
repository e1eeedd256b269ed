using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// The plans report: each period's usage as the billing engine computes it (<see cref="PeriodUsageBatch"/>, the rules the
/// invoices are built with) beside what was invoiced for the period. Staff only.
/// </summary>
public sealed class PlanReportQueries(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, PortalSettings settings)
{
    public async Task<PlansReport> PlansAsync(Actor actor, DateOnly from, DateOnly to, int? clientId = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see reports");
        ReportQueries.Validate(from, to);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var today = settings.Today(clock);

        // A flag looks at the last closed periods before the range's end, which may start before the range does.
        var lookBack = Min(from, to.AddMonths(-(PlansReport.RunLength + 1)));
        var inRange = db.BillingPeriods.AsNoTracking().Where(p => p.StartDate <= to && p.EndDate > lookBack && (clientId == null || p.ClientId == clientId));
        var periods = await inRange.ToListAsync(cancellationToken);
        var usage = await PeriodUsageBatch.ReadAsync(db, periods, inRange, cancellationToken);
        var names = await db.Clients.AsNoTracking().Where(c => clientId == null || c.Id == clientId).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var invoiced = await PeriodInvoicing.InvoicedAsync(db, inRange, cancellationToken);

        var rows = periods
            .Select(p =>
            {
                var u = usage[p];
                var (fee, usageInvoiced) = invoiced.GetValueOrDefault(p.Id);
                return new PlanPeriodRow(p.ClientId, names.GetValueOrDefault(p.ClientId, $"Client {p.ClientId}"), p.Range, p.HasPlan ? p.PlanName : null,
                    p.IncludedMinutes, u.UsedMinutes, u.OverageMinutes, u.OutOfPlanMinutes, u.ChargedMinutes, fee, usageInvoiced, p.IsClosed(today));
            })
            .OrderBy(r => r.ClientName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.ClientId).ThenBy(r => r.Period.Start)
            .ToList();
        var flags = rows.GroupBy(r => r.ClientId).Select(g => FlagOf([.. g], to)).OfType<PlanFlag>().ToList();
        var shown = rows.Where(r => r.Period.Start <= to && r.Period.End > from).ToList();
        return new PlansReport(from, to, settings.Currency, shown, flags);
    }

    /// <summary>
    /// Over plan or far under: the client's last <see cref="PlansReport.RunLength"/> closed periods ending by
    /// <paramref name="to"/> all on a plan and all in overage (or all under <see cref="PlansReport.FarUnderPercent"/> % used).
    /// </summary>
    internal static PlanFlag? FlagOf(IReadOnlyList<PlanPeriodRow> clientRows, DateOnly to)
    {
        var last = clientRows.Where(r => r.Closed && r.Period.End <= to.AddDays(1)).OrderBy(r => r.Period.Start).TakeLast(PlansReport.RunLength).ToList();
        if (last.Count < PlansReport.RunLength || last.Any(r => !r.HasPlan || r.IncludedMinutes == 0))
        {
            return null;
        }

        PlanFit? fit = last.All(r => r.OverageMinutes > 0) ? PlanFit.OverPlan
            : last.All(r => r.UsedMinutes * 100L < r.IncludedMinutes * (long)PlansReport.FarUnderPercent) ? PlanFit.FarUnder
            : null;
        return fit is { } f ? new PlanFlag(last[0].ClientId, last[0].ClientName, f, [.. last.Select(r => r.Period)]) : null;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
