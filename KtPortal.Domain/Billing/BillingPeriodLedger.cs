using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing;

/// <summary>
/// Opens a client's billing periods on demand (rule 2). Each period starts where the previous one ended and takes a
/// snapshot of the terms that hold on its first day: the active plan, or the rate card with no included hours. The
/// first period is the one containing the first date anyone asked about; periods are never opened in the future.
/// </summary>
internal static class BillingPeriodLedger
{
    /// <summary>
    /// Returns the period containing <paramref name="date"/>, opening it (and any missed ones before it) if needed.
    /// Dates before the client's first period have no period: returns null. For writers only; readers use
    /// <see cref="ContainingAsync"/>, which opens nothing.
    /// </summary>
    public static async Task<BillingPeriod?> EnsureContainingAsync(
        KtPortalDbContext db, int clientId, DateOnly date, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var (existing, toOpen) = await ResolveAsync(db, clientId, date, nowUtc, cancellationToken);
        if (existing is not null || toOpen.Count == 0)
        {
            return existing;
        }

        db.BillingPeriods.AddRange(toOpen);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else opened the same period a moment ago (unique client + start): use theirs. Only this
            // method's own inserts are dropped; the caller may be tracking a plan or an entry it is about to save.
            foreach (var added in toOpen)
            {
                db.Entry(added).State = EntityState.Detached;
            }

            return await db.BillingPeriods.SingleAsync(p => p.ClientId == clientId && p.StartDate <= date && date < p.EndDate, cancellationToken);
        }

        return toOpen[^1];
    }

    /// <summary>
    /// The period containing <paramref name="date"/> as it is or as it will open, without writing anything: an
    /// unopened one is built from the same terms <see cref="EnsureContainingAsync"/> would snapshot (its
    /// <see cref="BillingPeriod.Id"/> is 0). Usage reads by client and dates, so it reads the same either way.
    /// </summary>
    public static async Task<BillingPeriod?> ContainingAsync(
        KtPortalDbContext db, int clientId, DateOnly date, DateTime nowUtc, CancellationToken cancellationToken) =>
        (await LookUpAsync(db, clientId, date, nowUtc, cancellationToken)).Containing;

    /// <summary>
    /// <see cref="ContainingAsync"/> with the periods that would open to reach the date (oldest first; empty when it is
    /// open), for a reader that shows history as it will be.
    /// </summary>
    public static async Task<(BillingPeriod? Containing, IReadOnlyList<BillingPeriod> Unopened)> LookUpAsync(
        KtPortalDbContext db, int clientId, DateOnly date, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var (existing, toOpen) = await ResolveAsync(db, clientId, date, nowUtc, cancellationToken);
        return (existing ?? (toOpen.Count == 0 ? null : toOpen[^1]), toOpen);
    }

    /// <summary>The existing period containing the date, or the periods that would have to open to reach it.</summary>
    private static async Task<(BillingPeriod? Existing, List<BillingPeriod> ToOpen)> ResolveAsync(
        KtPortalDbContext db, int clientId, DateOnly date, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var existing = await db.BillingPeriods
            .Where(p => p.ClientId == clientId && p.StartDate <= date)
            .OrderByDescending(p => p.StartDate)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null && date < existing.EndDate)
        {
            return (existing, []);
        }

        var latest = existing is null
            ? await db.BillingPeriods.Where(p => p.ClientId == clientId).OrderByDescending(p => p.StartDate).FirstOrDefaultAsync(cancellationToken)
            : existing;
        if (latest is not null && latest.StartDate > date)
        {
            return (null, []);
        }

        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId, cancellationToken);
        var plans = await db.Plans.AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync(cancellationToken);
        var start = latest?.EndDate ?? FirstStart(plans, date);
        var toOpen = new List<BillingPeriod>();
        BillingPeriod period;
        do
        {
            period = Open(client, plans, start, nowUtc);
            toOpen.Add(period);
            start = period.EndDate;
        }
        while (period.EndDate <= date);

        return (null, toOpen);
    }

    /// <summary>The terms and end of the period that starts on <paramref name="start"/>.</summary>
    internal static BillingPeriod Open(Clients.Client client, IReadOnlyCollection<Plan> plans, DateOnly start, DateTime nowUtc)
    {
        var plan = plans.FirstOrDefault(p => p.IsActiveOn(start));
        if (plan is not null)
        {
            var end = BillingCalendar.PeriodContaining(start, plan.CycleDay).End;
            if (plan.EndDate is { } planEnd && planEnd < end)
            {
                end = planEnd;
            }

            return new BillingPeriod
            {
                ClientId = client.Id,
                PlanId = plan.Id,
                PlanName = plan.Name,
                StartDate = start,
                EndDate = end,
                IncludedMinutes = plan.IncludedMinutes,
                CoveredSupportTypeIds = [.. plan.CoveredSupportTypeIds.Order()],
                DevelopmentRateMinor = plan.DevelopmentRateMinor,
                SupportRateMinor = plan.SupportRateMinor,
                MonthlyFeeMinor = plan.MonthlyFeeMinor,

                // Reading 24: a client asked before overage starts each period with no extra hours approved.
                ApprovedOverageMinutes = client.AskBeforeOverage ? 0 : null,
                CreatedAtUtc = nowUtc,
            };
        }

        // No plan: calendar months, cut short where the next plan begins.
        var calendarEnd = BillingCalendar.PeriodContaining(start, 1).End;
        var nextPlanStart = plans.Where(p => p.StartDate > start).Select(p => (DateOnly?)p.StartDate).Min();
        return new BillingPeriod
        {
            ClientId = client.Id,
            StartDate = start,
            EndDate = nextPlanStart is { } s && s < calendarEnd ? s : calendarEnd,
            DevelopmentRateMinor = client.DevelopmentRateMinor,
            SupportRateMinor = client.SupportRateMinor,
            CreatedAtUtc = nowUtc,
        };
    }

    private static DateOnly FirstStart(IReadOnlyCollection<Plan> plans, DateOnly date)
    {
        var plan = plans.FirstOrDefault(p => p.IsActiveOn(date));
        if (plan is not null)
        {
            var cycleStart = BillingCalendar.PeriodContaining(date, plan.CycleDay).Start;
            return cycleStart < plan.StartDate ? plan.StartDate : cycleStart;
        }

        var monthStart = new DateOnly(date.Year, date.Month, 1);
        var lastPlanEnd = plans.Where(p => p.EndDate is { } end && end <= date).Select(p => p.EndDate).Max();
        return lastPlanEnd is { } e && e > monthStart ? e : monthStart;
    }
}
