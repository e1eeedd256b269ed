using KtPortal.Domain.Tickets;

namespace KtPortal.Tests.Domain.Tickets;

public sealed class TicketLabelTests
{
    [Theory]
    [InlineData(TicketType.Troubleshooting, "WordPress", "Troubleshooting · WordPress")]
    [InlineData(TicketType.Troubleshooting, "Troubleshooting", "Troubleshooting")]
    [InlineData(TicketType.Troubleshooting, " troubleshooting ", "Troubleshooting")]
    [InlineData(TicketType.ServiceRequest, "Development", "Service Request · Development")]
    [InlineData(TicketType.ServiceRequest, "", "Service Request")]
    public void ShouldNameTheSupportTypeOnce_WhenItSharesTheTypesName(TicketType type, string supportType, string expected)
    {
        TicketRules.Label(type, supportType).Should().Be(expected);
    }
}
