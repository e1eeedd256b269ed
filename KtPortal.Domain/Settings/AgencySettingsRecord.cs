namespace KtPortal.Domain.Settings;

/// <summary>The agency's settings as stored: one row (Id 1), created from configuration on first start.</summary>
public sealed class AgencySettingsRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string Name { get; set; } = string.Empty;

    /// <summary>The address, one line per line.</summary>
    public string AddressLines { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    public string PaymentInstructions { get; set; } = string.Empty;

    public string BankName { get; set; } = string.Empty;

    public string BankAccountHolder { get; set; } = string.Empty;

    public string BankAccountNumber { get; set; } = string.Empty;

    public string BankRoutingNumber { get; set; } = string.Empty;

    public string BankIban { get; set; } = string.Empty;

    public string BankBic { get; set; } = string.Empty;

    public int DefaultPaymentTermsDays { get; set; }

    public int DefaultTaxRateBasisPoints { get; set; }

    public string InvoicePrefix { get; set; } = string.Empty;

    public string TimeZoneId { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public string PortalBaseUrl { get; set; } = string.Empty;

    public int? LogoId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
