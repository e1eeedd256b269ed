using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Domain.Billing;

/// <summary>The hours meter of one client's current period.</summary>
public sealed record PlanMeter(
    int ClientId,
    string ClientName,
    string? PlanName,
    BillingPeriodRange Period,
    int DaysLeft,
    int IncludedMinutes,
    int UsedMinutes,
    int OverageMinutes,
    int OutOfPlanMinutes,
    int LoggedMinutes,
    int ChargedMinutes,
    long DevelopmentRateMinor,
    long SupportRateMinor,
    long PendingChargesMinor,
    IReadOnlyList<TicketUsage> Tickets,
    OtherTicketsUsage? OtherTickets,
    string Currency,
    bool ShowsMoney)
{
    /// <summary>How full the plan is (rule 4's 80 % and overage), for the meter's colour.</summary>
    public PlanLevel Level => PlanLevels.Of(UsedMinutes, IncludedMinutes);

    public bool HasPlan => PlanName is not null;

    public int RemainingMinutes => Math.Max(0, IncludedMinutes - UsedMinutes);

    /// <summary>Covered usage as a share of the included hours, 0–100+ (over 100 in overage).</summary>
    public int Percent => IncludedMinutes == 0 ? 0 : (int)(UsedMinutes * 100L / IncludedMinutes);

    public string Sentence => BillingText.MeterSentence(UsedMinutes, IncludedMinutes);

    /// <summary>Where overage consent stands this period (reading 24); null when the period does not ask.</summary>
    public OverageConsentView? Consent { get; init; }
}

/// <summary>
/// A period's overage consent as people read it (reading 24): the client's answer, what it approved, the overage so far
/// and the part of it past the approval (held: not billed). <see cref="CanDecide"/> is true for the client's admins.
/// </summary>
public sealed record OverageConsentView(
    OverageConsentState State,
    int ApprovedMinutes,
    int OverageMinutes,
    int HeldMinutes,
    DateTime? RequestedAtUtc,
    DateTime? DecidedAtUtc,
    bool CanDecide)
{
    public static OverageConsentView? Of(BillingPeriod period, PeriodUsage usage, bool canDecide)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(usage);
        return period.ApprovedOverageMinutes is not { } approved
            ? null
            : new OverageConsentView(period.OverageConsent, approved, usage.OverageMinutes, usage.HeldMinutes,
                period.OverageConsentRequestedAtUtc, period.OverageConsentDecidedAtUtc, canDecide);
    }

    /// <summary>Worth a chip for staff: the client is being asked, has held, or time went past what it approved.</summary>
    public bool NeedsAttention => State is OverageConsentState.Requested or OverageConsentState.Held || HeldMinutes > 0;

    /// <summary>One short phrase for a chip: "Overage: asked", "Overage held", "1.5 h not approved".</summary>
    public string Label => State switch
    {
        OverageConsentState.Requested => "Overage: awaiting approval",
        OverageConsentState.Held => "Overage on hold",
        _ when HeldMinutes > 0 => $"{Common.Hours.Format(HeldMinutes)} h over approval",
        OverageConsentState.Approved => $"Overage approved to {Common.Hours.Format(ApprovedMinutes)} h",
        _ => "Asks before overage",
    };
}

/// <summary>
/// Time on tickets of the period that this reader may not open (a client user's colleagues' requests): counted in the
/// meter's totals, shown only as a sum, never by title or number.
/// </summary>
public sealed record OtherTicketsUsage(int Count, int LoggedMinutes, int ChargedMinutes);

/// <summary>How full a client's plan is, for the board's cards, with its overage consent when the period asks (reading 24).</summary>
public sealed record PlanHealth(int ClientId, bool HasPlan, int UsedMinutes, int IncludedMinutes, OverageConsentView? Consent = null)
{
    /// <summary>The support types the current period covers: overage consent concerns only their tickets.</summary>
    public IReadOnlyCollection<int> CoveredSupportTypeIds { get; init; } = [];

    // By value, list included: the board skips rendering a card whose health reads the same as before.
    public bool Equals(PlanHealth? other) =>
        other is not null && ClientId == other.ClientId && HasPlan == other.HasPlan && UsedMinutes == other.UsedMinutes
        && IncludedMinutes == other.IncludedMinutes && Equals(Consent, other.Consent) && CoveredSupportTypeIds.SequenceEqual(other.CoveredSupportTypeIds);

    public override int GetHashCode() => HashCode.Combine(ClientId, HasPlan, UsedMinutes, IncludedMinutes, Consent, CoveredSupportTypeIds.Count);

    public PlanLevel Level => PlanLevels.Of(UsedMinutes, IncludedMinutes);

    public int Percent => IncludedMinutes == 0 ? 0 : (int)(UsedMinutes * 100L / IncludedMinutes);
}

/// <summary>One period's share of a ticket's time, for the ticket's billing explainer.</summary>
public sealed record TicketPeriodBilling(
    BillingPeriodRange Period,
    string? PlanName,
    bool Covered,
    bool Closed,
    int LoggedMinutes,
    int ChargedMinutes,
    int FromPlanMinutes,
    int OverageMinutes,
    int OutOfPlanMinutes,
    long AmountMinor,
    int HeldMinutes = 0);

/// <summary>A ticket's billing: per period, with the rates that apply to its work now.</summary>
public sealed record TicketBilling(
    int TicketNumber,
    WorkTypeRate DefaultRate,
    IReadOnlyList<TicketPeriodBilling> Periods,
    string Currency)
{
    public int LoggedMinutes => Periods.Sum(p => p.LoggedMinutes);

    public int ChargedMinutes => Periods.Sum(p => p.ChargedMinutes);

    public int FromPlanMinutes => Periods.Sum(p => p.FromPlanMinutes);

    public int OverageMinutes => Periods.Sum(p => p.OverageMinutes);

    public int OutOfPlanMinutes => Periods.Sum(p => p.OutOfPlanMinutes);

    public long AmountMinor => Periods.Sum(p => p.AmountMinor);

    public bool MinimumApplied => ChargedMinutes > LoggedMinutes;

    /// <summary>Covered time past what the client approved (reading 24): shown, not billed.</summary>
    public int HeldMinutes => Periods.Sum(p => p.HeldMinutes);

    /// <summary>The client's overage consent this period when the ticket is covered and the period asks; else null.</summary>
    public OverageConsentView? Consent { get; init; }
}

/// <summary>A work type and its hourly rate.</summary>
public sealed record WorkTypeRate(WorkType WorkType, long RateMinor);

/// <summary>What the new-ticket form tells a client about how the ticket will be billed.</summary>
public sealed record CoveragePreview(
    string? PlanName,
    bool Covered,
    int IncludedMinutes,
    int RemainingMinutes,
    TicketType TicketType,
    WorkTypeRate Rate,
    string Currency)
{
    public bool HasPlan => PlanName is not null;
}
