using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Clients;

/// <summary>
/// What the client form binds to: money in major units and tax in percent, as text people type, read strictly when
/// saved (<see cref="FormNumbers"/>): nothing unparsable is saved as 0, nothing is rounded or clamped.
/// </summary>
public sealed class ClientFormModel
{
    public string Name { get; set; } = string.Empty;

    public string BillingEmail { get; set; } = string.Empty;

    public string DevelopmentRate { get; set; } = "0";

    public string SupportRate { get; set; } = "0";

    public string TaxRatePercent { get; set; } = "0";

    public string PaymentTermsDays { get; set; } = "14";

    public bool MonthlyStatement { get; set; }

    public static ClientFormModel ForNewClient(AgencyProfile agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return new()
        {
            TaxRatePercent = FormNumbers.PercentText(agency.DefaultTaxRateBasisPoints),
            PaymentTermsDays = agency.DefaultPaymentTermsDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public static ClientFormModel From(ClientDetails client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new()
        {
            Name = client.Name,
            BillingEmail = client.BillingEmail,
            DevelopmentRate = FormNumbers.MoneyText(client.DevelopmentRateMinor),
            SupportRate = FormNumbers.MoneyText(client.SupportRateMinor),
            TaxRatePercent = FormNumbers.PercentText(client.TaxRateBasisPoints),
            PaymentTermsDays = client.PaymentTermsDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MonthlyStatement = client.MonthlyStatement,
        };
    }

    /// <summary>The input for the client service; throws field errors for text that is not a number.</summary>
    public ClientInput ToInput()
    {
        var validation = new Validation();
        var input = new ClientInput(
            Name,
            BillingEmail,
            FormNumbers.MoneyMinor(validation, nameof(ClientInput.DevelopmentRateMinor), "development rate", DevelopmentRate),
            FormNumbers.MoneyMinor(validation, nameof(ClientInput.SupportRateMinor), "support rate", SupportRate),
            FormNumbers.PercentBasisPoints(validation, nameof(ClientInput.TaxRateBasisPoints), "tax rate", TaxRatePercent),
            FormNumbers.Whole(validation, nameof(ClientInput.PaymentTermsDays), "payment terms", PaymentTermsDays),
            MonthlyStatement);
        validation.ThrowIfInvalid();
        return input;
    }
}
