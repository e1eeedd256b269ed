namespace KtPortal.Domain.Clients;

/// <summary>An organisation the agency works for, with its rate card.</summary>
public sealed class Client
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string BillingEmail { get; set; } = string.Empty;

    /// <summary>Minor units per hour, used when the client has no active plan.</summary>
    public long DevelopmentRateMinor { get; set; }

    /// <summary>Minor units per hour, used when the client has no active plan.</summary>
    public long SupportRateMinor { get; set; }

    /// <summary>Basis points: 825 = 8.25%.</summary>
    public int TaxRateBasisPoints { get; set; }

    public int PaymentTermsDays { get; set; } = 14;

    /// <summary>Opted in to a statement e-mailed on the 1st for the month before (to the billing address, else the admins).</summary>
    public bool MonthlyStatement { get; set; }

    /// <summary>
    /// Ask the client's admins before covered time past the plan's hours is billed (billing-rules.md reading 24).
    /// Kept by billing's OverageConsentService, which also applies it to the open period.
    /// </summary>
    public bool AskBeforeOverage { get; set; }

    /// <summary>The service-level policy for this client's tickets, over its plan's and the default; null: not overridden.</summary>
    public int? SlaPolicyId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: a save with a stale stamp is refused.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
