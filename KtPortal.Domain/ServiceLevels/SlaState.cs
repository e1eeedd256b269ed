namespace KtPortal.Domain.ServiceLevels;

/// <summary>What a due time looks like at one instant; the contract's <c>data-sla-state</c> values.</summary>
public enum SlaState
{
    None,
    Ok,
    AtRisk,
    Breached,
    Paused,
}
