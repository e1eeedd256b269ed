namespace KtPortal.Domain.Common;

/// <summary>
/// The agency running the portal. Lives in Common because tickets, e-mail, accounts and invoices all speak in its name.
/// Who sends the invoices: the header of every invoice, the payment instructions and bank details, the invoice-number
/// prefix, the defaults for new clients and the portal's public address for links in e-mails and PDFs. Configuration
/// (<c>KtPortal:Agency</c>) gives the first-run values; after that admins edit them at /settings/agency and every
/// reader gets the current ones from <see cref="AgencySettingsStore"/>.
/// </summary>
public sealed record AgencyProfile
{
    public string Name { get; init; } = "KT Web & IT Services";

    /// <summary>What the portal calls itself in e-mails and page titles.</summary>
    public string PortalName { get; init; } = "KT-Portal";

    public IReadOnlyList<string> AddressLines { get; init; } = ["120 Harbor Street, Suite 4", "Portland, ME 04101"];

    public string Email { get; init; } = "billing@ktportal.test";

    public string Phone { get; init; } = string.Empty;

    public string PaymentInstructions { get; init; } =
        "Please pay by the due date by bank transfer to the account below, quoting the invoice number.";

    /// <summary>Where a client sends a bank transfer (the demo agency's, fictional, until an admin sets the real one).</summary>
    public BankDetails Bank { get; init; } = new()
    {
        BankName = "Harbor Trust Bank",
        AccountHolder = "KT Web & IT Services LLC",
        AccountNumber = "000123456789",
        RoutingNumber = "011000015",
    };

    /// <summary>The current logo (<c>/agency/logo/{id}</c>), or null for none.</summary>
    public int? LogoId { get; init; }

    /// <summary>Payment terms a new client starts with.</summary>
    public int DefaultPaymentTermsDays { get; init; } = 14;

    /// <summary>Tax rate a new client starts with, in basis points (2000 = 20 %).</summary>
    public int DefaultTaxRateBasisPoints { get; init; }

    /// <summary>The portal's public base address, e.g. https://portal.example.com (no trailing slash).</summary>
    public string PortalBaseUrl { get; init; } = "http://localhost:5000";

    public const string DefaultInvoicePrefix = "INV";

    public string InvoicePrefix { get; init; } = DefaultInvoicePrefix;

    public string PortalUrl => PortalBaseUrl.TrimEnd('/');

    /// <summary>The logo's portal-relative address; each upload has its own, so it can be cached for good.</summary>
    public string? LogoPath => LogoId is { } id ? $"/agency/logo/{id}" : null;

    public string InvoiceUrl(int invoiceId) => $"{PortalUrl}/invoices/{invoiceId}";

    /// <summary>A portal-relative link ("/tickets/KT-1042") as an absolute address for e-mails.</summary>
    public string Absolute(string link) => link.StartsWith('/') ? PortalUrl + link : link;
}

/// <summary>The agency's bank account, as a client quotes it for a transfer. Empty fields are left off.</summary>
public sealed record BankDetails
{
    public string BankName { get; init; } = string.Empty;

    public string AccountHolder { get; init; } = string.Empty;

    public string AccountNumber { get; init; } = string.Empty;

    public string RoutingNumber { get; init; } = string.Empty;

    public string Iban { get; init; } = string.Empty;

    public string Bic { get; init; } = string.Empty;

    public bool IsEmpty => Lines().Count == 0;

    /// <summary>"Bank: …", "Account holder: …" for each field that is filled in, in the order a form asks for them.</summary>
    public IReadOnlyList<string> Lines() =>
        new (string Label, string Value)[]
            {
                ("Bank", BankName), ("Account holder", AccountHolder), ("Account number", AccountNumber),
                ("Routing number", RoutingNumber), ("IBAN", Iban), ("BIC / SWIFT", Bic),
            }
            .Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => $"{f.Label}: {f.Value.Trim()}")
            .ToList();
}
