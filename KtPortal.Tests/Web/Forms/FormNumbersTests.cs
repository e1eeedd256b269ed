using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Web.Components.Shared;
using KtPortal.Web.Features.Clients;
using KtPortal.Web.Features.Invoices;

namespace KtPortal.Tests.Web.Forms;

/// <summary>Numbers typed into the client and invoice forms: refused with a field message, never read as 0 or rounded.</summary>
public sealed class FormNumbersTests
{
    [Theory]
    [InlineData("95", 95_00)]
    [InlineData("95.5", 95_50)]
    [InlineData("$1,250.00", 1_250_00)]
    [InlineData(" 0 ", 0)]
    [InlineData("-50", -50_00)]
    public void ShouldReadMoneyExactly(string text, long minor)
    {
        var validation = new Validation();

        FormNumbers.MoneyMinor(validation, "f", "price", text).Should().Be(minor);
        validation.IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("abc", "must be a number")]
    [InlineData("1.005", "at most two decimals")]
    [InlineData("", "Enter the price")]
    [InlineData("1e3", "must be a number")]
    [InlineData("12abc", "must be a number")]
    public void ShouldRefuseMoneyThatIsNotAnAmount(string text, string message)
    {
        var validation = new Validation();

        FormNumbers.Money(validation, "f", "price", text).Should().BeNull();
        validation.Messages.Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public void ShouldRefuseEveryUnreadableClientNumber_AtItsOwnField()
    {
        var model = new ClientFormModel
        {
            Name = "Acme",
            BillingEmail = "billing@acme.test",
            DevelopmentRate = "abc",
            SupportRate = "95.999",
            TaxRatePercent = "eight",
            PaymentTermsDays = "14.5",
        };

        var act = () => model.ToInput();

        var errors = act.Should().Throw<ValidationFailedException>().Which.Errors;
        errors.Keys.Should().BeEquivalentTo(
            nameof(ClientInput.DevelopmentRateMinor), nameof(ClientInput.SupportRateMinor), nameof(ClientInput.TaxRateBasisPoints), nameof(ClientInput.PaymentTermsDays));
    }

    [Fact]
    public void ShouldPassNegativeAndOutOfRangeClientNumbersOnUnchanged_SoTheServiceRefusesThem()
    {
        var model = new ClientFormModel { Name = "Acme", BillingEmail = "b@acme.test", DevelopmentRate = "-5", SupportRate = "95", TaxRatePercent = "150", PaymentTermsDays = "-1" };

        var input = model.ToInput();

        input.DevelopmentRateMinor.Should().Be(-5_00, "not clamped to 0");
        input.TaxRateBasisPoints.Should().Be(150_00);
        input.PaymentTermsDays.Should().Be(-1);
    }

    [Fact]
    public void ShouldRefuseAnUnreadableInvoicePrice_AtItsLine_AndKeepANegativeOneForTheService()
    {
        var model = new InvoiceFormModel
        {
            ClientId = 1,
            Lines =
            [
                new InvoiceLineFormModel { Description = "Work", IsHours = false, Quantity = "1", UnitPrice = "-50" },
                new InvoiceLineFormModel { Description = "More", IsHours = false, Quantity = "1", UnitPrice = "fifty" },
            ],
        };

        var act = () => model.ToInput();

        act.Should().Throw<ValidationFailedException>().Which.Errors.Keys.Should().Equal("Lines[1].UnitPrice");
        model.Lines.RemoveAt(1);
        model.ToInput().Lines.Single().UnitPrice.Should().Be(-50m, "the service refuses it with its range message; nothing becomes 0.00");
        model.Lines[0].PreviewAmountMinor().Should().BeNull("no running total for a price the service will refuse");
    }
}
