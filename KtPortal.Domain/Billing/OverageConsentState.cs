namespace KtPortal.Domain.Billing;

/// <summary>Where a period's overage consent stands (billing-rules.md reading 24).</summary>
public enum OverageConsentState
{
    /// <summary>Covered time has not gone past what is approved; nobody has been asked.</summary>
    NotAsked = 0,

    /// <summary>Covered time went past what is approved: the client's admins are asked to approve more or hold.</summary>
    Requested = 1,

    /// <summary>The client approved up to <see cref="BillingPeriod.ApprovedOverageMinutes"/> beyond the plan.</summary>
    Approved = 2,

    /// <summary>The client asked to stop at what is approved: covered time past it is not billed.</summary>
    Held = 3,
}
