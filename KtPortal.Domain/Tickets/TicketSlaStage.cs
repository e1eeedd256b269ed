namespace KtPortal.Domain.Tickets;

/// <summary>Which target a ticket's service-level clock runs for now: the first response, then the resolution; none when met or without a target.</summary>
public enum SlaStage
{
    None,
    Response,
    Resolution,
}

/// <summary>How far a ticket's service-level alerts went for its current stage: each is sent once.</summary>
public enum SlaAlertLevel
{
    None,
    AtRisk,
    Breached,
}
