using KtPortal.Domain.TimeTracking;

namespace KtPortal.Domain.Billing;

/// <summary>A time entry as the billing rules see it. <see cref="Covered"/> is decided by the caller from the period's snapshot.</summary>
public sealed record BillableEntry(
    long Id,
    int TicketId,
    DateOnly WorkDate,
    DateTime CreatedAtUtc,
    int Minutes,
    bool Billable,
    WorkType WorkType,
    bool Covered);

/// <summary>
/// What one entry costs: charged minutes split into from-plan, overage and out-of-plan. <see cref="HeldMinutes"/> is the
/// part of the overage past what the client approved (reading 24): counted as used, never billed.
/// </summary>
public sealed record EntryCharge(
    long EntryId,
    int TicketId,
    WorkType WorkType,
    int LoggedMinutes,
    int ChargedMinutes,
    int FromPlanMinutes,
    int OverageMinutes,
    int OutOfPlanMinutes,
    int HeldMinutes = 0)
{
    /// <summary>What an invoice bills of this entry: approved overage and out-of-plan time.</summary>
    public int BilledMinutes => OverageMinutes - HeldMinutes + OutOfPlanMinutes;
}

/// <summary>A period's usage: the meter reads <see cref="UsedMinutes"/> of <see cref="IncludedMinutes"/>.</summary>
public sealed record PeriodUsage(int IncludedMinutes, IReadOnlyList<EntryCharge> Entries)
{
    public PeriodTotals Totals => new(IncludedMinutes, LoggedMinutes, FromPlanMinutes, OverageMinutes, OutOfPlanMinutes, HeldMinutes);

    public int LoggedMinutes => Entries.Sum(e => e.LoggedMinutes);

    public int ChargedMinutes => Entries.Sum(e => e.ChargedMinutes);

    public int FromPlanMinutes => Entries.Sum(e => e.FromPlanMinutes);

    public int OverageMinutes => Entries.Sum(e => e.OverageMinutes);

    public int OutOfPlanMinutes => Entries.Sum(e => e.OutOfPlanMinutes);

    /// <summary>Overage past what the client approved (reading 24): not billed.</summary>
    public int HeldMinutes => Entries.Sum(e => e.HeldMinutes);

    /// <summary>Every covered charge, overage included (billing-rules.md: "11.5 of 10 hours").</summary>
    public int UsedMinutes => FromPlanMinutes + OverageMinutes;

    public int RemainingMinutes => Math.Max(0, IncludedMinutes - UsedMinutes);
}

/// <summary>A period's usage in totals only (reports over many periods): the same figures as <see cref="PeriodUsage"/>'s.</summary>
public sealed record PeriodTotals(int IncludedMinutes, int LoggedMinutes, int FromPlanMinutes, int OverageMinutes, int OutOfPlanMinutes, int HeldMinutes = 0)
{
    public int ChargedMinutes => FromPlanMinutes + OverageMinutes + OutOfPlanMinutes;

    public int UsedMinutes => FromPlanMinutes + OverageMinutes;

    public int RemainingMinutes => Math.Max(0, IncludedMinutes - UsedMinutes);
}

/// <summary>
/// Rules 1 and 3 of billing-rules.md as a pure function of the entries, so that an edit, a deletion or a
/// back-dated entry gives exactly the result of entering everything in order.
/// </summary>
public static class UsageCalculator
{
    public const int MinimumChargeMinutes = OneHourMinimum.Minutes;

    /// <summary>The billing order of entries: work date, then when they were created, then id.</summary>
    public static IOrderedEnumerable<BillableEntry> InBillingOrder(IEnumerable<BillableEntry> entries) =>
        entries.OrderBy(e => e.WorkDate).ThenBy(e => e.CreatedAtUtc).ThenBy(e => e.Id);

    /// <summary>
    /// Rule 1: each entry's charge with the one-hour minimum applied once per ticket over its whole life.
    /// Pass every entry of the tickets concerned, from all periods: an earlier period's entry can already have
    /// used up the minimum.
    /// </summary>
    public static IReadOnlyDictionary<long, int> ChargedMinutes(IEnumerable<BillableEntry> lifetimeEntries) =>
        OneHourMinimum.Charges(lifetimeEntries.Select(e => new OneHourMinimum.Entry(e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable)));

    /// <summary>
    /// Rule 3: the usage of one period. <paramref name="periodEntries"/> are the entries whose work date is in the
    /// period; <paramref name="charges"/> comes from <see cref="ChargedMinutes"/> over the tickets' whole lives.
    /// Covered charges deduct from the included minutes in billing order; the rest is overage. When the period asks
    /// before overage (reading 24), <paramref name="approvedOverageMinutes"/> is what the client approved: overage fills
    /// it in the same order and the rest is held.
    /// </summary>
    public static PeriodUsage Calculate(
        int includedMinutes, IEnumerable<BillableEntry> periodEntries, IReadOnlyDictionary<long, int> charges, int? approvedOverageMinutes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(includedMinutes);
        ArgumentNullException.ThrowIfNull(charges);
        if (approvedOverageMinutes is { } approved)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(approved, nameof(approvedOverageMinutes));
        }

        var remaining = includedMinutes;
        var approvedLeft = approvedOverageMinutes ?? int.MaxValue;
        var result = new List<EntryCharge>();
        foreach (var entry in InBillingOrder(periodEntries))
        {
            var charged = charges[entry.Id];
            int fromPlan = 0, overage = 0, outOfPlan = 0, held = 0;
            if (entry.Covered)
            {
                fromPlan = Math.Min(charged, remaining);
                overage = charged - fromPlan;
                remaining -= fromPlan;
                var approvedHere = Math.Min(overage, approvedLeft);
                approvedLeft -= approvedHere;
                held = overage - approvedHere;
            }
            else
            {
                outOfPlan = charged;
            }

            result.Add(new EntryCharge(entry.Id, entry.TicketId, entry.WorkType, entry.Billable ? entry.Minutes : 0, charged, fromPlan, overage, outOfPlan, held));
        }

        return new PeriodUsage(includedMinutes, result);
    }

    /// <summary>
    /// Rule 3 in totals: covered charges fill the included minutes one after another, so however they are ordered what
    /// came from the plan is <c>min(included, covered)</c> and the rest of the covered charge is overage; uncovered charges
    /// are out of plan. Equal to the totals of <see cref="Calculate(int, IEnumerable{BillableEntry}, IReadOnlyDictionary{long, int})"/>
    /// (a property test holds the two together); used where the charges are summed by the database.
    /// </summary>
    public static PeriodTotals Totals(
        int includedMinutes, int loggedMinutes, int coveredChargedMinutes, int uncoveredChargedMinutes, int? approvedOverageMinutes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(includedMinutes);
        var fromPlan = Math.Min(includedMinutes, coveredChargedMinutes);
        var overage = coveredChargedMinutes - fromPlan;
        var held = approvedOverageMinutes is { } approved ? Math.Max(0, overage - approved) : 0;
        return new PeriodTotals(includedMinutes, loggedMinutes, fromPlan, overage, uncoveredChargedMinutes, held);
    }

    /// <summary>Both steps for the common case where every entry given is in the period (and no earlier ones exist).</summary>
    public static PeriodUsage Calculate(int includedMinutes, IReadOnlyCollection<BillableEntry> entries) =>
        Calculate(includedMinutes, entries, ChargedMinutes(entries));
}
