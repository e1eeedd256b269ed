using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing;

/// <summary>
/// The hours meter, plan health, ticket billing and coverage preview. Usage is recomputed from the entries on every
/// read (rule 3: a pure function of them). Reading writes nothing: a current period not opened yet is read as it will
/// open (<see cref="BillingPeriodLedger.ContainingAsync"/>).
/// </summary>
public sealed class UsageQueries(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, PortalSettings settings)
{
    /// <summary>The meter of the client's current period; null when the actor may not see the client or it does not exist.</summary>
    public Task<PlanMeter?> GetMeterAsync(Actor actor, int clientId, CancellationToken cancellationToken = default) =>
        ReadMeterAsync(actor, clientId, null, cancellationToken);

    /// <summary>
    /// The meter of the client's period that began on <paramref name="periodStart"/> (the usage history opens past
    /// periods with it); null when there is no such period or the actor may not see the client.
    /// </summary>
    public Task<PlanMeter?> GetPeriodMeterAsync(Actor actor, int clientId, DateOnly periodStart, CancellationToken cancellationToken = default) =>
        ReadMeterAsync(actor, clientId, periodStart, cancellationToken);

    private async Task<PlanMeter?> ReadMeterAsync(Actor actor, int clientId, DateOnly? periodStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSeeClient(clientId))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var clientName = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        if (clientName is null)
        {
            return null;
        }

        var today = settings.Today(clock);
        var current = await CurrentPeriodAsync(db, clientId, today, cancellationToken);
        var period = periodStart is not { } start || start == current.StartDate
            ? current
            : await db.BillingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.ClientId == clientId && p.StartDate == start, cancellationToken);
        if (period is null)
        {
            return null;
        }

        var detail = await PeriodUsageReader.ReadAsync(db, period, cancellationToken);
        var usage = detail.Usage;

        // The totals are the client's; the ticket lines are only those this reader may open (the same scope as the
        // ticket pages), the rest is one anonymous sum.
        var ids = detail.Tickets.Select(t => t.TicketId).ToList();
        var visible = (await TicketScope.Visible(db, actor).Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
        var hidden = detail.Tickets.Where(t => !visible.Contains(t.TicketId)).ToList();
        var others = hidden.Count == 0 ? null : new OtherTicketsUsage(hidden.Count, hidden.Sum(t => t.LoggedMinutes), hidden.Sum(t => t.ChargedMinutes));

        // Charges follow the invoice rule: staff, the client's admins, and client users granted billing access.
        var showsMoney = await Accounts.BillingAccess.CanSeeChargesAsync(db, actor, cancellationToken);
        return new PlanMeter(
            clientId, clientName, period.HasPlan ? period.PlanName : null, period.Range, period.Range.DaysLeft(today),
            period.IncludedMinutes, usage.UsedMinutes, usage.OverageMinutes, usage.OutOfPlanMinutes, usage.LoggedMinutes, usage.ChargedMinutes,
            period.DevelopmentRateMinor, period.SupportRateMinor, showsMoney ? detail.BillableAmountMinor : 0,
            [.. detail.Tickets.Where(t => visible.Contains(t.TicketId))], others, settings.Currency, showsMoney)
        {
            Consent = OverageConsentView.Of(period, usage, actor.IsClientAdmin && actor.ClientId == clientId && period.StartDate == current.StartDate),
        };
    }

    /// <summary>Plan health of each of the given clients (staff only; the board shows it on cards).</summary>
    public async Task<IReadOnlyDictionary<int, PlanHealth>> GetPlanHealthAsync(Actor actor, IEnumerable<int> clientIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clientIds);
        var result = new Dictionary<int, PlanHealth>();
        if (!actor.IsStaff)
        {
            return result;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var today = settings.Today(clock);
        foreach (var clientId in clientIds.Distinct())
        {
            var period = await CurrentPeriodAsync(db, clientId, today, cancellationToken);
            var usage = period.IncludedMinutes == 0 && !period.AsksBeforeOverage ? null : (await PeriodUsageReader.ReadAsync(db, period, cancellationToken)).Usage;
            result[clientId] = new PlanHealth(clientId, period.HasPlan, usage?.UsedMinutes ?? 0, period.IncludedMinutes,
                usage is null ? null : OverageConsentView.Of(period, usage, canDecide: false))
            {
                CoveredSupportTypeIds = period.CoveredSupportTypeIds,
            };
        }

        return result;
    }

    /// <summary>A ticket's billing per period in which it has time; null when the actor may not see the ticket.</summary>
    public async Task<TicketBilling?> GetTicketBillingAsync(Actor actor, int ticketNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketScope.Visible(db, actor).SingleOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken);
        if (ticket is null)
        {
            return null;
        }

        var today = settings.Today(clock);
        var current = await CurrentPeriodAsync(db, ticket.ClientId, today, cancellationToken);
        var workDates = await db.TimeEntries.Where(e => e.TicketId == ticket.Id).Select(e => e.WorkDate).Distinct().ToListAsync(cancellationToken);
        var periods = await db.BillingPeriods.AsNoTracking()
            .Where(p => p.ClientId == ticket.ClientId)
            .OrderBy(p => p.StartDate)
            .ToListAsync(cancellationToken);
        var rows = new List<TicketPeriodBilling>();
        PeriodUsage? currentUsage = null;
        foreach (var period in periods.Where(p => workDates.Any(d => p.Range.Contains(d))))
        {
            var detail = await PeriodUsageReader.ReadAsync(db, period, cancellationToken);
            currentUsage = period.StartDate == current.StartDate ? detail.Usage : currentUsage;
            var line = detail.Tickets.Single(t => t.TicketId == ticket.Id);
            rows.Add(new TicketPeriodBilling(
                period.Range, period.HasPlan ? period.PlanName : null, line.Covered, period.IsClosed(today),
                line.LoggedMinutes, line.ChargedMinutes, line.FromPlanMinutes, line.OverageMinutes, line.OutOfPlanMinutes, line.AmountMinor, line.HeldMinutes));
        }

        var workType = WorkTypes.DefaultFor(ticket.Type);
        // The current period's usage as the loop read it, or (no time on this ticket yet this period) read once here.
        var consent = current.AsksBeforeOverage && current.Covers(ticket.SupportTypeId)
            ? OverageConsentView.Of(current, currentUsage ?? (await PeriodUsageReader.ReadAsync(db, current, cancellationToken)).Usage,
                actor.IsClientAdmin && actor.ClientId == ticket.ClientId)
            : null;
        return new TicketBilling(ticket.Number, new WorkTypeRate(workType, current.RateFor(workType)), rows, settings.Currency) { Consent = consent };
    }

    /// <summary>Whether a new ticket of this type and support type would be covered, and how many plan hours remain.</summary>
    public async Task<CoveragePreview?> GetCoverageAsync(Actor actor, int clientId, TicketType ticketType, int supportTypeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSeeClient(clientId))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            return null;
        }

        var period = await CurrentPeriodAsync(db, clientId, settings.Today(clock), cancellationToken);
        var remaining = period.IncludedMinutes == 0 ? 0 : (await PeriodUsageReader.ReadAsync(db, period, cancellationToken)).Usage.RemainingMinutes;
        var workType = WorkTypes.DefaultFor(ticketType);
        return new CoveragePreview(
            period.HasPlan ? period.PlanName : null, period.Covers(supportTypeId), period.IncludedMinutes, remaining, ticketType,
            new WorkTypeRate(workType, period.RateFor(workType)), settings.Currency);
    }

    private async Task<BillingPeriod> CurrentPeriodAsync(KtPortalDbContext db, int clientId, DateOnly today, CancellationToken cancellationToken) =>
        await BillingPeriodLedger.ContainingAsync(db, clientId, today, clock.GetUtcNow().UtcDateTime, cancellationToken)
            ?? throw new InvalidOperationException("The current period always exists: periods are never opened in the future.");
}
