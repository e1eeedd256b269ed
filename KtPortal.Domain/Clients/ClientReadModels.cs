namespace KtPortal.Domain.Clients;

public sealed record ClientListItem(int Id, string Name, string BillingEmail);

public sealed record ClientDetails(
    int Id,
    string Name,
    string BillingEmail,
    long DevelopmentRateMinor,
    long SupportRateMinor,
    int TaxRateBasisPoints,
    int PaymentTermsDays,
    Guid ConcurrencyStamp,
    string Currency)
{
    /// <summary>A statement is e-mailed on the 1st for the month before.</summary>
    public bool MonthlyStatement { get; init; }
}

/// <summary>What staff type to create or edit a client. Money in minor units, tax in basis points.</summary>
public sealed record ClientInput(
    string Name,
    string BillingEmail,
    long DevelopmentRateMinor,
    long SupportRateMinor,
    int TaxRateBasisPoints,
    int PaymentTermsDays,
    bool MonthlyStatement = false);
