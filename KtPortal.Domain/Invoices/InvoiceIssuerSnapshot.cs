using System.Text.Json;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// The agency's details frozen onto an invoice when it is issued, so that an issued invoice never changes: a later
/// change of name, address, bank details or logo shows on the next invoice only. Links keep using the current portal
/// address (the old one may be gone).
/// </summary>
internal static class InvoiceIssuerSnapshot
{
    private sealed record Details(
        string Name, IReadOnlyList<string> AddressLines, string Email, string Phone, string PaymentInstructions, BankDetails Bank, int? LogoId);

    public static string Take(AgencyProfile agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return JsonSerializer.Serialize(new Details(agency.Name, agency.AddressLines, agency.Email, agency.Phone, agency.PaymentInstructions, agency.Bank, agency.LogoId));
    }

    /// <summary>The agency as the invoice shows it: as issued when a snapshot was taken, else as it is now.</summary>
    public static AgencyProfile Apply(AgencyProfile current, string? snapshot)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (string.IsNullOrEmpty(snapshot) || JsonSerializer.Deserialize<Details>(snapshot) is not { } details)
        {
            return current;
        }

        return current with
        {
            Name = details.Name,
            AddressLines = details.AddressLines,
            Email = details.Email,
            Phone = details.Phone,
            PaymentInstructions = details.PaymentInstructions,
            Bank = details.Bank ?? new BankDetails(),
            LogoId = details.LogoId,
        };
    }
}
