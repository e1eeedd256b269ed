using KtPortal.Domain.Billing;

namespace KtPortal.Domain.Reports;

/// <summary>
/// One client's billing period: its terms, the usage the billing engine computes from the time entries, and what was
/// invoiced for it net of tax (issued, not voided, less credit notes): the plan fee and the usage invoice (overage and
/// out-of-plan time). An open period has no usage invoice yet.
/// </summary>
public sealed record PlanPeriodRow(
    int ClientId,
    string ClientName,
    BillingPeriodRange Period,
    string? PlanName,
    int IncludedMinutes,
    int UsedMinutes,
    int OverageMinutes,
    int OutOfPlanMinutes,
    int ChargedMinutes,
    long FeeMinor,
    long UsageInvoicedMinor,
    bool Closed)
{
    public bool HasPlan => PlanName is not null;

    public long RevenueMinor => FeeMinor + UsageInvoicedMinor;

    /// <summary>Revenue ÷ charged hours, to the minor unit (halves away from zero); null when nothing was charged.</summary>
    public long? EffectiveHourlyRateMinor => ChargedMinutes == 0
        ? null
        : (long)Math.Round(RevenueMinor * 60m / ChargedMinutes, MidpointRounding.AwayFromZero);
}

/// <summary>What a client's recent periods say about its plan.</summary>
public enum PlanFit
{
    /// <summary>In overage <see cref="PlansReport.RunLength"/> closed periods running: a bigger plan would suit.</summary>
    OverPlan,

    /// <summary>Used under a quarter of the included hours <see cref="PlansReport.RunLength"/> closed periods running: at risk of leaving.</summary>
    FarUnder,
}

/// <summary>A flagged client, with the closed periods behind the flag (oldest first).</summary>
public sealed record PlanFlag(int ClientId, string ClientName, PlanFit Fit, IReadOnlyList<BillingPeriodRange> Periods);

/// <summary>Every client's periods overlapping a range of days (client, then oldest first) and the clients flagged as of its end.</summary>
public sealed record PlansReport(DateOnly From, DateOnly To, string Currency, IReadOnlyList<PlanPeriodRow> Rows, IReadOnlyList<PlanFlag> Flags)
{
    /// <summary>How many closed periods running make a flag.</summary>
    public const int RunLength = 3;

    /// <summary>Under this share of the included hours (percent) a period counts as far under the plan.</summary>
    public const int FarUnderPercent = 25;

    public int ChargedMinutes => Rows.Sum(r => r.ChargedMinutes);

    public long RevenueMinor => Rows.Sum(r => r.RevenueMinor);

    public long? EffectiveHourlyRateMinor => ChargedMinutes == 0
        ? null
        : (long)Math.Round(RevenueMinor * 60m / ChargedMinutes, MidpointRounding.AwayFromZero);

    public PlanFit? FitOf(int clientId) => Flags.FirstOrDefault(f => f.ClientId == clientId)?.Fit;
}
