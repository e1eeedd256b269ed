using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports.Monthly;

/// <summary>
/// Builds a client's monthly report from the reports' own queries (one source for every figure). Staff and the
/// client's own admins; anyone else, or a period that does not exist: null.
/// </summary>
public sealed class ClientMonthlyReportQueries(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, PortalSettings settings)
{
    public async Task<ClientMonthlyReport?> GetAsync(Actor actor, int clientId, DateOnly periodStart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSeeClient(clientId) || !(actor.IsStaff || actor.IsClientAdmin))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        var period = await db.BillingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.ClientId == clientId && p.StartDate == periodStart, cancellationToken);
        if (name is null || period is null)
        {
            return null;
        }

        var only = db.BillingPeriods.Where(p => p.Id == period.Id);
        var usage = (await PeriodUsageBatch.ReadAsync(db, [period], only, cancellationToken))[period];
        var (fee, usageInvoiced) = (await PeriodInvoicing.InvoicedAsync(db, only, cancellationToken)).GetValueOrDefault(period.Id);
        var invoices = (await PeriodInvoicing.InvoicesAsync(db, only, cancellationToken))[period.Id].ToList();
        var hours = new PlanPeriodRow(clientId, name, period.Range, period.HasPlan ? period.PlanName : null, period.IncludedMinutes, usage.UsedMinutes,
            usage.OverageMinutes, usage.OutOfPlanMinutes, usage.ChargedMinutes, fee, usageInvoiced, period.IsClosed(settings.Today(clock)));
        var tickets = await new TicketReportQueries(contextFactory, clock, settings)
            .GetAsync(Actor.System, period.StartDate, period.EndDate.AddDays(-1), clientId, cancellationToken);
        var serviceLevels = await new SlaAttainmentQueries(contextFactory, settings, clock)
            .GetAsync(Actor.System, period.StartDate, period.EndDate.AddDays(-1), clientId, cancellationToken);
        return new ClientMonthlyReport(clientId, name, hours, tickets.Created, tickets.Resolved, tickets.Overall, invoices, settings.Currency)
        {
            ServiceLevels = serviceLevels,
        };
    }
}
