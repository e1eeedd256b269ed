using KtPortal.Domain.Common;

namespace KtPortal.Tests.Domain.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(9500, "USD", "$95.00")]
    [InlineData(123456789, "USD", "$1,234,567.89")]
    [InlineData(-550, "USD", "-$5.50")]
    [InlineData(100, "EUR", "€1.00")]
    [InlineData(100, "CHF", "CHF 1.00")]
    public void ShouldFormatMinorUnits_WhenShownToPeople(long minor, string currency, string expected) =>
        Money.Format(minor, currency).Should().Be(expected);

    [Theory]
    [InlineData("95", 9500)]
    [InlineData("95.005", 9501)]
    [InlineData("-0.005", -1)]
    [InlineData("0.004", 0)]
    public void ShouldRoundHalfAwayFromZero_WhenConvertingTypedAmounts(string major, long expected) =>
        Money.FromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);
}
