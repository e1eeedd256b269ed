namespace KtPortal.Domain.Common;

/// <summary>
/// The agency running the portal. Lives in Common because tickets, e-mail, accounts and invoices all speak in its name.
/// Who sends the invoices (configuration <c>KtPortal:Agency</c>): the header of every invoice, the payment
/// instructions, the invoice-number prefix and the portal's public address for links in e-mails and PDFs.
/// </summary>
public sealed class AgencyProfile
{
    public string Name { get; init; } = "KT Web & IT Services";

    /// <summary>What the portal calls itself in e-mails and page titles.</summary>
    public string PortalName { get; init; } = "KT-Portal";

    public IReadOnlyList<string> AddressLines { get; init; } = ["120 Harbor Street, Suite 4", "Portland, ME 04101"];

    public string Email { get; init; } = "billing@ktportal.test";

    public string PaymentInstructions { get; init; } =
        "Pay online with the link below, or by bank transfer to KT Web & IT Services, quoting the invoice number.";

    /// <summary>The portal's public base address, e.g. https://portal.example.com (no trailing slash).</summary>
    public string PortalBaseUrl { get; init; } = "http://localhost:5000";

    public const string DefaultInvoicePrefix = "INV";

    public string InvoicePrefix { get; init; } = DefaultInvoicePrefix;

    public string PortalUrl => PortalBaseUrl.TrimEnd('/');

    public string InvoiceUrl(int invoiceId) => $"{PortalUrl}/invoices/{invoiceId}";

    /// <summary>A portal-relative link ("/tickets/KT-1042") as an absolute address for e-mails.</summary>
    public string Absolute(string link) => link.StartsWith('/') ? PortalUrl + link : link;
}
