using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Settings;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Settings;

/// <summary>
/// What the agency settings form binds to: numbers as the text people type, read strictly on save
/// (<see cref="FormNumbers"/>), so nothing unparsable becomes 0 and nothing is rounded.
/// </summary>
public sealed class AgencySettingsFormModel
{
    public string Name { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    public string PaymentInstructions { get; set; } = string.Empty;

    public string BankName { get; set; } = string.Empty;

    public string BankAccountHolder { get; set; } = string.Empty;

    public string BankAccountNumber { get; set; } = string.Empty;

    public string BankRoutingNumber { get; set; } = string.Empty;

    public string BankIban { get; set; } = string.Empty;

    public string BankBic { get; set; } = string.Empty;

    public string PaymentTermsDays { get; set; } = "14";

    public string TaxRatePercent { get; set; } = "0";

    public string InvoicePrefix { get; set; } = string.Empty;

    public string TimeZoneId { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public string PortalBaseUrl { get; set; } = string.Empty;

    public static AgencySettingsFormModel From(AgencySettingsInput values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new()
        {
            Name = values.Name,
            Address = values.Address,
            Email = values.Email,
            Phone = values.Phone,
            PaymentInstructions = values.PaymentInstructions,
            BankName = values.BankName,
            BankAccountHolder = values.BankAccountHolder,
            BankAccountNumber = values.BankAccountNumber,
            BankRoutingNumber = values.BankRoutingNumber,
            BankIban = values.BankIban,
            BankBic = values.BankBic,
            PaymentTermsDays = values.DefaultPaymentTermsDays.ToString(CultureInfo.InvariantCulture),
            TaxRatePercent = FormNumbers.PercentText(values.DefaultTaxRateBasisPoints),
            InvoicePrefix = values.InvoicePrefix,
            TimeZoneId = values.TimeZoneId,
            Currency = values.Currency,
            PortalBaseUrl = values.PortalBaseUrl,
        };
    }

    /// <summary>The input for the settings service; throws field errors for text that is not a number.</summary>
    public AgencySettingsInput ToInput()
    {
        var validation = new Validation();
        var input = new AgencySettingsInput
        {
            Name = Name,
            Address = Address,
            Email = Email,
            Phone = Phone,
            PaymentInstructions = PaymentInstructions,
            BankName = BankName,
            BankAccountHolder = BankAccountHolder,
            BankAccountNumber = BankAccountNumber,
            BankRoutingNumber = BankRoutingNumber,
            BankIban = BankIban,
            BankBic = BankBic,
            DefaultPaymentTermsDays = FormNumbers.Whole(validation, nameof(AgencySettingsInput.DefaultPaymentTermsDays), "payment terms", PaymentTermsDays),
            DefaultTaxRateBasisPoints = FormNumbers.PercentBasisPoints(validation, nameof(AgencySettingsInput.DefaultTaxRateBasisPoints), "tax rate", TaxRatePercent),
            InvoicePrefix = InvoicePrefix,
            TimeZoneId = TimeZoneId,
            Currency = Currency,
            PortalBaseUrl = PortalBaseUrl,
        };
        validation.ThrowIfInvalid();
        return input;
    }
}
