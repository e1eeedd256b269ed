using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing.Plans;

/// <summary>Reads a client's plans and period history, scoped to the actor. Like the meter, it opens the current period if needed.</summary>
public sealed class PlanQueries(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, PortalSettings settings)
{
    /// <summary>Null when the actor may not see the client.</summary>
    public async Task<PlanHistory?> GetHistoryAsync(Actor actor, int clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSeeClient(clientId))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.AskBeforeOverage }).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }

        var today = settings.Today(clock);
        var supportTypes = await db.SupportTypes.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var plans = (await db.Plans.AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync(cancellationToken))
            .OrderByDescending(p => p.StartDate)
            .Select(p => ToView(p, supportTypes, today))
            .ToList();
        var currentPlan = plans.FirstOrDefault(p => p.State is PlanState.Active or PlanState.Ending)
            ?? plans.Where(p => p.State == PlanState.Upcoming).MinBy(p => p.StartDate);

        var (containing, unopened) = await BillingPeriodLedger.LookUpAsync(db, clientId, today, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var current = containing
            ?? throw new InvalidOperationException("The current period always exists: periods are never opened in the future.");
        var periods = await db.BillingPeriods.AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync(cancellationToken);
        // Periods not opened yet (nobody logged time or changed the plan since): shown as they will open.
        periods.AddRange(unopened);
        var rows = new List<PeriodHistoryRow>();
        foreach (var period in periods.OrderByDescending(p => p.StartDate).Take(24))
        {
            var usage = (await PeriodUsageReader.ReadAsync(db, period, cancellationToken)).Usage;
            rows.Add(new PeriodHistoryRow(
                period.Range, period.HasPlan ? period.PlanName : null, period.IncludedMinutes, usage.UsedMinutes, usage.OverageMinutes,
                usage.OutOfPlanMinutes, period.MonthlyFeeMinor, period.DevelopmentRateMinor, period.SupportRateMinor, period.IsClosed(today)));
        }

        return new PlanHistory(currentPlan, plans, rows, current.Range, settings.Currency) { AskBeforeOverage = client.AskBeforeOverage };
    }

    private static PlanView ToView(Plan plan, IReadOnlyDictionary<int, string> supportTypes, DateOnly today)
    {
        var state = plan.StartDate > today ? PlanState.Upcoming
            : plan.EndDate is null ? PlanState.Active
            : plan.EndDate > today ? PlanState.Ending
            : PlanState.Ended;
        return new PlanView(
            plan.Id, plan.ClientId, plan.Name, plan.IncludedMinutes, plan.CoveredSupportTypeIds,
            [.. plan.CoveredSupportTypeIds.Select(id => supportTypes.GetValueOrDefault(id, $"#{id}"))],
            plan.DevelopmentRateMinor, plan.SupportRateMinor, plan.MonthlyFeeMinor, plan.CycleDay, plan.StartDate, plan.EndDate, state, plan.ConcurrencyStamp);
    }
}
