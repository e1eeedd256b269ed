using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing.Plans;

/// <summary>
/// Staff create, edit and end clients' maintenance plans. A started plan's edits take effect from the next period:
/// the current period is opened (its terms snapshotted) before the plan changes. A client has at most one plan at a
/// time; a new one starts on a cycle day, no earlier than the current period, and after the previous plan ended.
/// </summary>
public sealed class PlanService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    PortalSettings settings,
    IPeriodInvoices periodInvoices,
    AuditTrail audit)
{

    public async Task<int> CreateAsync(Actor actor, int clientId, PlanInput input, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "manage plans");
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            throw new NotFoundException("The client");
        }

        var today = settings.Today(clock);
        var validation = await ValidateAsync(db, input, cancellationToken);
        var others = await db.Plans.Where(p => p.ClientId == clientId).ToListAsync(cancellationToken);
        ValidateStart(validation, input, today, others);
        validation.ThrowIfInvalid();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MakeRoomForPlanAsync(db, clientId, input.StartDate, today, cancellationToken);
        var plan = new Plan { ClientId = clientId, CreatedById = actor.UserId, CreatedAtUtc = now };
        Apply(plan, input, now);
        plan.StartDate = input.StartDate;
        db.Plans.Add(plan);
        audit.Add(db, actor, AuditKinds.PlanCreated, plan.Name, clientId, after: Terms(plan));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(clientId);
        return plan.Id;
    }

    /// <summary>Edits a plan. Started plans keep the current period's terms; the edit applies from the next period.</summary>
    public async Task<Guid> UpdateAsync(Actor actor, int planId, PlanInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "manage plans");
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) ?? throw new NotFoundException("The plan");
        var today = settings.Today(clock);
        if (plan.EndDate is not null)
        {
            throw new DomainException("This plan has been ended and can no longer change. Create a new plan for the client instead.");
        }

        var validation = await ValidateAsync(db, input, cancellationToken);
        var started = plan.StartDate <= today;
        if (started)
        {
            validation.Check(input.StartDate == plan.StartDate, nameof(input.StartDate), "A plan that has started keeps its start date.");
        }
        else
        {
            var others = await db.Plans.Where(p => p.ClientId == plan.ClientId && p.Id != plan.Id).ToListAsync(cancellationToken);
            ValidateStart(validation, input, today, others);
        }

        validation.ThrowIfInvalid();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (started)
        {
            // Snapshot the current period (and any missed before it) with the terms as they were.
            await BillingPeriodLedger.EnsureContainingAsync(db, plan.ClientId, today, now, cancellationToken);
        }
        else
        {
            // An upcoming plan moved to start earlier takes over open periods from its new start.
            await MakeRoomForPlanAsync(db, plan.ClientId, input.StartDate, today, cancellationToken);
        }

        db.Entry(plan).Property(p => p.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        var before = Terms(plan);
        Apply(plan, input, now);
        plan.StartDate = input.StartDate;
        if (Terms(plan) is var after && after != before)
        {
            audit.Add(db, actor, AuditKinds.PlanChanged, plan.Name, plan.ClientId, before, after);
        }

        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(plan.ClientId);
        return plan.ConcurrencyStamp;
    }

    /// <summary>
    /// Ends a plan at the end of the current period (a plan that has not started is cancelled) and returns the first
    /// day without it, or null when it was cancelled.
    /// </summary>
    public async Task<DateOnly?> EndAsync(Actor actor, int planId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "manage plans");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) ?? throw new NotFoundException("The plan");
        if (plan.EndDate is not null)
        {
            throw new DomainException($"This plan already ends on {BillingText.Date(plan.EndDate.Value.AddDays(-1))}.");
        }

        var today = settings.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Entry(plan).Property(p => p.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        DateOnly? endDate = null;
        if (plan.StartDate > today)
        {
            db.Plans.Remove(plan);
        }
        else
        {
            var current = await BillingPeriodLedger.EnsureContainingAsync(db, plan.ClientId, today, now, cancellationToken);
            endDate = current!.EndDate;
            plan.EndDate = endDate;
            plan.UpdatedAtUtc = now;
            plan.ConcurrencyStamp = Guid.NewGuid();
        }

        audit.Add(db, actor, AuditKinds.PlanEnded, plan.Name, plan.ClientId, Terms(plan),
            endDate is { } last ? $"Ends after {BillingText.Date(last.AddDays(-1))}" : "Cancelled before it started");
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(plan.ClientId);
        return endDate;
    }

    /// <summary>
    /// Open periods from the plan's start on were opened without it: the one it starts in is cut short there,
    /// later ones are dropped and will reopen with the plan's terms. Closed periods never change.
    /// </summary>
    private async Task MakeRoomForPlanAsync(KtPortalDbContext db, int clientId, DateOnly start, DateOnly today, CancellationToken cancellationToken)
    {
        var affected = await db.BillingPeriods.Where(p => p.ClientId == clientId && p.EndDate > start).ToListAsync(cancellationToken);
        foreach (var period in affected)
        {
            if (period.IsClosed(today))
            {
                throw new ValidationFailedException(nameof(PlanInput.StartDate), BillingText.ClosedPeriod(period));
            }

            if (period.StartDate < start)
            {
                period.EndDate = start;
            }
            else
            {
                // Its pending-charges draft goes with it; the time is billed again in the period that reopens.
                if (!await periodInvoices.ReleaseAsync(db, period.Id, cancellationToken))
                {
                    throw new ValidationFailedException(nameof(PlanInput.StartDate), $"The period {BillingText.Range(period.Range)} is already invoiced.");
                }

                db.BillingPeriods.Remove(period);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A plan starts on a cycle day, not before the current period, and after any other plan has ended.</summary>
    private static void ValidateStart(Validation validation, PlanInput input, DateOnly today, IEnumerable<Plan> otherPlans)
    {
        if (BillingCalendar.IsCycleDayValid(input.CycleDay))
        {
            var earliest = BillingCalendar.PeriodContaining(today, input.CycleDay).Start;
            validation.Check(input.StartDate == BillingCalendar.StartInMonth(input.StartDate.Year, input.StartDate.Month, input.CycleDay),
                nameof(input.StartDate), $"A plan starts on its billing cycle day, e.g. {BillingText.Date(earliest)}.");
            validation.Check(input.StartDate >= earliest,
                nameof(input.StartDate), $"A plan can't start before the current period ({BillingText.Date(earliest)}).");
        }

        var blocking = otherPlans.FirstOrDefault(p => p.EndDate is null || p.EndDate > input.StartDate);
        if (blocking is not null)
        {
            validation.Add(nameof(input.StartDate), blocking.EndDate is null
                ? $"The client already has the plan \"{blocking.Name}\". End it first; the new plan can start when it ends."
                : $"The plan \"{blocking.Name}\" runs until {BillingText.Date(blocking.EndDate.Value.AddDays(-1))}; start the new plan on or after {BillingText.Date(blocking.EndDate.Value)}.");
        }
    }

    private static async Task<Validation> ValidateAsync(KtPortalDbContext db, PlanInput input, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required(nameof(input.Name), input.Name, "Plan name", PlanRules.NameMaxLength)
            .Range(nameof(input.IncludedMinutes), input.IncludedMinutes, 0, PlanRules.MaxIncludedMinutes, "Monthly hours must be between 0 and 744.")
            .Range(nameof(input.DevelopmentRateMinor), input.DevelopmentRateMinor, 0, PlanRules.MaxAmountMinor, "The development rate must be between 0 and 100,000.00.")
            .Range(nameof(input.SupportRateMinor), input.SupportRateMinor, 0, PlanRules.MaxAmountMinor, "The support rate must be between 0 and 100,000.00.")
            .Range(nameof(input.MonthlyFeeMinor), input.MonthlyFeeMinor, 0, PlanRules.MaxAmountMinor, "The monthly fee must be between 0 and 100,000.00.")
            .Check(BillingCalendar.IsCycleDayValid(input.CycleDay), nameof(input.CycleDay), "The billing cycle day is 1–31.");
        var ids = input.CoveredSupportTypeIds?.Distinct().ToList() ?? [];
        var known = await db.SupportTypes.CountAsync(s => ids.Contains(s.Id), cancellationToken);
        validation.Check(known == ids.Count, nameof(input.CoveredSupportTypeIds), "Choose covered support types from the list.");
        return validation;
    }

    /// <summary>A plan's terms as the audit trail shows them.</summary>
    private string Terms(Plan plan) =>
        $"{plan.Name}: {Hours.Format(plan.IncludedMinutes)} h, {Money.Format(plan.MonthlyFeeMinor, settings.Currency)}/month, "
        + $"support {Money.Format(plan.SupportRateMinor, settings.Currency)}/h, development {Money.Format(plan.DevelopmentRateMinor, settings.Currency)}/h, "
        + $"covers support types {string.Join(",", plan.CoveredSupportTypeIds)}, cycle day {plan.CycleDay}, from {BillingText.Date(plan.StartDate)}";

    private static void Apply(Plan plan, PlanInput input, DateTime now)
    {
        plan.Name = input.Name.Trim();
        plan.IncludedMinutes = input.IncludedMinutes;
        plan.CoveredSupportTypeIds = [.. input.CoveredSupportTypeIds.Distinct().Order()];
        plan.DevelopmentRateMinor = input.DevelopmentRateMinor;
        plan.SupportRateMinor = input.SupportRateMinor;
        plan.MonthlyFeeMinor = input.MonthlyFeeMinor;
        plan.CycleDay = input.CycleDay;
        plan.UpdatedAtUtc = now;
        plan.ConcurrencyStamp = Guid.NewGuid();
    }

    private static Task SaveAsync(KtPortalDbContext db, CancellationToken cancellationToken) => ConcurrencyGuard.SaveAsync(db, "plan", cancellationToken);

    private Task PublishAsync(int clientId) =>
        notifier.PublishAsync(new PortalChange(PortalChange.Topics.Plan, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture), clientId));
}
