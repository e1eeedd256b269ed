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
    string Currency);

/// <summary>What staff type to create or edit a client. Money in minor units, tax in basis points.</summary>
public sealed record ClientInput(
    string Name,
    string BillingEmail,
    long DevelopmentRateMinor,
    long SupportRateMinor,
    int TaxRateBasisPoints,
    int PaymentTermsDays);
