using KtPortal.Domain.Common;
using KtPortal.Domain.Settings;
using KtPortal.Web.Features.Clients;
using KtPortal.Web.Features.Settings;

namespace KtPortal.Tests.Web.Settings;

/// <summary>The settings form reads its numbers strictly; a new client starts with the agency's defaults.</summary>
public sealed class AgencySettingsFormModelTests
{
    [Theory]
    [InlineData("abc", "0", nameof(AgencySettingsInput.DefaultPaymentTermsDays))]
    [InlineData("14.5", "0", nameof(AgencySettingsInput.DefaultPaymentTermsDays))]
    [InlineData("30", "eight", nameof(AgencySettingsInput.DefaultTaxRateBasisPoints))]
    [InlineData("30", "8.125", nameof(AgencySettingsInput.DefaultTaxRateBasisPoints))]
    public void ShouldRefuseANumberThatDoesNotRead_InsteadOfSavingZeroOrRounding(string terms, string tax, string field)
    {
        var model = new AgencySettingsFormModel { PaymentTermsDays = terms, TaxRatePercent = tax };

        var read = () => model.ToInput();

        read.Should().Throw<ValidationFailedException>().Which.Errors.Keys.Should().Equal(field);
    }

    [Fact]
    public void ShouldReadTermsAndTaxExactly_AndRoundTripTheStoredValues()
    {
        var stored = new AgencySettingsInput { Name = "Harbor", DefaultPaymentTermsDays = 30, DefaultTaxRateBasisPoints = 825, InvoicePrefix = "HD" };

        var input = AgencySettingsFormModel.From(stored).ToInput();

        input.Should().Be(stored);
    }

    [Fact]
    public void ShouldStartANewClientWithTheAgencysDefaultTermsAndTax()
    {
        var model = ClientFormModel.ForNewClient(new AgencyProfile { DefaultPaymentTermsDays = 30, DefaultTaxRateBasisPoints = 825 });

        model.PaymentTermsDays.Should().Be("30");
        model.TaxRatePercent.Should().Be("8.25");
    }
}
