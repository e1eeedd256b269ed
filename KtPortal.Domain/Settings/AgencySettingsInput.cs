namespace KtPortal.Domain.Settings;

/// <summary>What an admin submits from /settings/agency. Field names are the keys of the validation messages.</summary>
public sealed record AgencySettingsInput
{
    public string Name { get; init; } = string.Empty;

    /// <summary>The address as typed: one line per line.</summary>
    public string Address { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    public string Phone { get; init; } = string.Empty;

    public string PaymentInstructions { get; init; } = string.Empty;

    public string BankName { get; init; } = string.Empty;

    public string BankAccountHolder { get; init; } = string.Empty;

    public string BankAccountNumber { get; init; } = string.Empty;

    public string BankRoutingNumber { get; init; } = string.Empty;

    public string BankIban { get; init; } = string.Empty;

    public string BankBic { get; init; } = string.Empty;

    public int DefaultPaymentTermsDays { get; init; }

    public int DefaultTaxRateBasisPoints { get; init; }

    public string InvoicePrefix { get; init; } = string.Empty;

    public string TimeZoneId { get; init; } = string.Empty;

    public string Currency { get; init; } = string.Empty;

    public string PortalBaseUrl { get; init; } = string.Empty;
}

/// <summary>The settings form's starting point: the stored values, the logo, and why some fields cannot change.</summary>
public sealed record AgencySettingsView(
    AgencySettingsInput Values,
    int? LogoId,
    string? LogoDescription,
    string? TimeZoneAndCurrencyLock,
    DateTime UpdatedAtUtc,
    Guid ConcurrencyStamp);
