namespace KtPortal.Domain.Invoices;

/// <summary>
/// Who sends the invoices (configuration <c>KtPortal:Agency</c>): the header of every invoice, the payment
/// instructions, the invoice-number prefix and the portal's public address for links in e-mails and PDFs.
/// </summary>
public sealed class AgencyProfile
{
    public string Name { get; init; } = "KT Web & IT Services";

    public IReadOnlyList<string> AddressLines { get; init; } = ["120 Harbor Street, Suite 4", "Portland, ME 04101"];

    public string Email { get; init; } = "billing@ktportal.test";

    public string PaymentInstructions { get; init; } =
        "Pay online with the link below, or by bank transfer to KT Web & IT Services, quoting the invoice number.";

    /// <summary>The portal's public base address, e.g. https://portal.example.com (no trailing slash).</summary>
    public string PortalBaseUrl { get; init; } = "http://localhost:5000";

    public string InvoicePrefix { get; init; } = InvoiceRules.DefaultPrefix;

    public string InvoiceUrl(int invoiceId) => $"{PortalBaseUrl.TrimEnd('/')}/invoices/{invoiceId}";
}
