using Bunit;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Tickets;

namespace KtPortal.Tests.Web.Tickets;

public sealed class TicketBoardCardTests : PortalTestContext
{
    private static TicketListItem Item(TicketStatus status) => new(
        1042, 1, "Acme Dental", TicketType.Troubleshooting, "WordPress", TicketPriority.Urgent, status, "Site down <b>now</b>",
        null, DomainTestHost.Start.UtcDateTime.AddHours(-5), DomainTestHost.Start.UtcDateTime, Guid.NewGuid());

    [Fact]
    public void ShouldCarryTheContractAttributes_AndShowClientPriorityAssigneeAndAge()
    {
        var card = Render<TicketBoardCard>(p => p.Add(c => c.Ticket, Item(TicketStatus.WaitingOnClient)));

        var root = card.Find("[data-testid=ticket-card]");
        root.GetAttribute("data-ticket-number").Should().Be("KT-1042");
        root.GetAttribute("data-status").Should().Be("WaitingOnClient");
        root.TextContent.Should().Contain("Acme Dental").And.Contain("Urgent").And.Contain("Unassigned").And.Contain("5 h");
        card.Markup.Should().Contain("Site down &lt;b&gt;now&lt;/b&gt;", "a title is text, never markup");
        card.FindAll("[data-testid^=card-move-]").Should().BeEmpty("desktop cards are dragged");
    }

    [Fact]
    public void ShouldOfferOneTapMoves_WhenGivenTheAllowedStatuses()
    {
        TicketStatus? moved = null;
        var card = Render<TicketBoardCard>(p => p
            .Add(c => c.Ticket, Item(TicketStatus.Resolved))
            .Add(c => c.Transitions, TicketRules.AllowedTransitions(new("s", "Staff", null), TicketStatus.Resolved))
            .Add(c => c.Move, status => moved = status));

        card.FindAll("[data-testid^=card-move-]").Select(b => b.TextContent.Trim()).Should().Equal("In Progress", "Closed");
        card.Find("[data-testid=card-move-Closed]").Click();

        moved.Should().Be(TicketStatus.Closed);
    }

    [Theory]
    [InlineData(420, "70%", "mud-success-text")]
    [InlineData(540, "90%", "mud-warning-text")]
    [InlineData(690, "115%", "mud-error-text")]
    public void ShouldShowHowFullTheClientsPlanIs(int usedMinutes, string text, string cssClass)
    {
        var card = Render<TicketBoardCard>(p => p
            .Add(c => c.Ticket, Item(TicketStatus.New))
            .Add(c => c.Health, new KtPortal.Domain.Billing.PlanHealth(1, true, usedMinutes, 600)));

        var health = card.Find("[data-testid=plan-health]");
        health.TextContent.Trim().Should().Be(text);
        health.ClassList.Should().Contain(cssClass);
    }

    [Fact]
    public void ShouldShowNoPlanHealth_ForAClientWithoutAPlan()
    {
        var card = Render<TicketBoardCard>(p => p
            .Add(c => c.Ticket, Item(TicketStatus.New))
            .Add(c => c.Health, new KtPortal.Domain.Billing.PlanHealth(1, false, 0, 0)));
        card.FindAll("[data-testid=plan-health]").Should().BeEmpty();
    }
}
