namespace KtPortal.Domain.Billing;

/// <summary>How full a plan is, by billing rule 4: the same 80 % that sends the warning colours the meter and the board.</summary>
public enum PlanLevel
{
    /// <summary>Below the warning threshold (or no plan hours).</summary>
    Fine,

    /// <summary>At or past <see cref="PlanLevels.WarningPercent"/> of the included hours.</summary>
    Warning,

    /// <summary>Past the included hours: overage.</summary>
    Over,
}

public static class PlanLevels
{
    /// <summary>Rule 4: the share of included hours at which the client is warned.</summary>
    public const int WarningPercent = 80;

    public static PlanLevel Of(int usedMinutes, int includedMinutes) =>
        includedMinutes <= 0 ? PlanLevel.Fine
        : usedMinutes > includedMinutes ? PlanLevel.Over
        : usedMinutes * 100L >= includedMinutes * (long)WarningPercent ? PlanLevel.Warning
        : PlanLevel.Fine;
}
