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
        card.FindAll("[data-testid^=card-move]").Should().BeEmpty("a card given no statuses to move to has no move menu");
    }

    [Fact]
    public void ShouldShowWhenAResponseIsDue_AndTurnAtRiskThenOverdueAsTheClockMoves_OnlyRedrawingWhenItChanged()
    {
        var now = DomainTestHost.Start.UtcDateTime;
        var ticket = Item(TicketStatus.New) with { Sla = new TicketSla(SlaStage.Response, now.AddMinutes(30), now.AddMinutes(15), false) };
        var card = Render<TicketBoardCard>(p => p.Add(c => c.Ticket, ticket));
        var due = () => card.Find("[data-testid=sla-due]");

        due().GetAttribute("data-due-utc").Should().Be(now.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        due().GetAttribute("data-sla-state").Should().Be("ok");
        due().TextContent.Should().Be("Respond by 10:30", "half past ten in New York, the portal's time zone");

        Clock.Advance(TimeSpan.FromMinutes(20));
        card.Render(p => p.Add(c => c.Ticket, ticket));
        due().GetAttribute("data-sla-state").Should().Be("at-risk");
        due().TextContent.Should().StartWith("At risk");

        Clock.Advance(TimeSpan.FromMinutes(25));
        card.Render(p => p.Add(c => c.Ticket, ticket));
        due().GetAttribute("data-sla-state").Should().Be("breached");
        due().TextContent.Should().Be("Response overdue 15 m");

        var paused = ticket with { Sla = new TicketSla(SlaStage.Response, null, null, true) };
        card.Render(p => p.Add(c => c.Ticket, paused));
        due().GetAttribute("data-sla-state").Should().Be("paused");
        due().HasAttribute("data-due-utc").Should().BeFalse("a waiting ticket has no due time until the client answers");
    }

    /// <summary>Records what a card asks of its board.</summary>
    private sealed class RecordingBoard : IBoardCardActions
    {
        public List<string> Calls { get; } = [];

        public Task ToggleAsync(int number, bool selected)
        {
            Calls.Add($"toggle {number} {selected}");
            return Task.CompletedTask;
        }

        public void StartDrag(TicketListItem card) => Calls.Add($"drag {card.Number}");

        public void EndDrag() => Calls.Add("drag end");

        public Task MoveAsync(TicketListItem card, TicketStatus status)
        {
            Calls.Add($"move {card.Number} {status}");
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void ShouldOfferTheAllowedStatusesBehindAMoveMenu_AndCloseItOnEscape()
    {
        var board = new RecordingBoard();
        var card = Render<TicketBoardCard>(p => p
            .Add(c => c.Ticket, Item(TicketStatus.Resolved))
            .Add(c => c.Transitions, TicketRules.AllowedTransitions(new("s", "Staff", null), TicketStatus.Resolved))
            .Add(c => c.Actions, board));
        var toggle = card.Find("[data-testid=card-move-menu]");
        toggle.GetAttribute("aria-label").Should().Be("Move KT-1042");
        toggle.GetAttribute("aria-expanded").Should().Be("false");
        card.FindAll("[data-testid=card-moves]").Should().BeEmpty("the menu starts closed, keeping the card small");

        toggle.Click();
        card.Find("[data-testid=card-move-menu]").GetAttribute("aria-expanded").Should().Be("true");
        card.FindAll("[data-testid=card-moves] button").Select(b => b.TextContent.Trim()).Should().Equal("In Progress", "Closed");
        card.Find("[data-testid=card-moves]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        card.FindAll("[data-testid=card-moves]").Should().BeEmpty("Escape closes the menu");
        board.Calls.Should().BeEmpty();

        card.Find("[data-testid=card-move-menu]").Click();
        card.Find("[data-testid=card-move-Closed]").Click();

        board.Calls.Should().Equal("move 1042 Closed");
        card.FindAll("[data-testid=card-moves]").Should().BeEmpty("choosing closes the menu");
    }

    [Fact]
    public void ShouldTellTheBoard_WhenSelectedOrDragged_AndBeDraggableOnlyOnADesk()
    {
        var board = new RecordingBoard();
        var card = Render<TicketBoardCard>(p => p.Add(c => c.Ticket, Item(TicketStatus.New)).Add(c => c.Draggable, true).Add(c => c.Actions, board));
        var root = card.Find("[data-testid=ticket-card]");
        root.GetAttribute("draggable").Should().Be("true");

        card.Find("[data-testid=card-select]").Change(true);
        root.DragStart();
        root.DragEnd();

        board.Calls.Should().Equal("toggle 1042 True", "drag 1042", "drag end");

        var phone = Render<TicketBoardCard>(p => p.Add(c => c.Ticket, Item(TicketStatus.New)).Add(c => c.Actions, board));
        phone.Find("[data-testid=ticket-card]").HasAttribute("draggable").Should().BeFalse();
        phone.Find("[data-testid=ticket-card]").DragStart();
        board.Calls.Should().HaveCount(3, "a card in the phone list is not dragged");
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

    [Theory]
    [InlineData(KtPortal.Domain.Billing.OverageConsentState.Requested, 60, "Overage: awaiting approval", "requested")]
    [InlineData(KtPortal.Domain.Billing.OverageConsentState.Held, 60, "Overage on hold", "held")]
    [InlineData(KtPortal.Domain.Billing.OverageConsentState.Approved, 30, "0.5 h over approval", "approved")]
    public void ShouldFlagOverageConsent_OnCoveredTicketsOnly(KtPortal.Domain.Billing.OverageConsentState state, int heldMinutes, string label, string dataState)
    {
        var consent = new KtPortal.Domain.Billing.OverageConsentView(state, 60, 60 + heldMinutes, heldMinutes, null, null, false);
        var health = new KtPortal.Domain.Billing.PlanHealth(1, true, 660, 600, consent) { CoveredSupportTypeIds = [4] };
        var covered = Render<TicketBoardCard>(p => p.Add(c => c.Ticket, Item(TicketStatus.New) with { SupportTypeId = 4 }).Add(c => c.Health, health));
        var chip = covered.Find("[data-testid=overage-consent-chip]");
        chip.TextContent.Trim().Should().Be(label);
        chip.GetAttribute("data-state").Should().Be(dataState);

        var other = Render<TicketBoardCard>(p => p.Add(c => c.Ticket, Item(TicketStatus.New) with { SupportTypeId = 5 }).Add(c => c.Health, health));
        other.FindAll("[data-testid=overage-consent-chip]").Should().BeEmpty("the plan does not cover this ticket's support type");
    }

    [Fact]
    public void ShouldNotFlagOverageConsent_WhileNothingIsPastTheApproval()
    {
        var consent = new KtPortal.Domain.Billing.OverageConsentView(KtPortal.Domain.Billing.OverageConsentState.Approved, 120, 60, 0, null, null, false);
        var health = new KtPortal.Domain.Billing.PlanHealth(1, true, 660, 600, consent) { CoveredSupportTypeIds = [4] };
        var card = Render<TicketBoardCard>(p => p.Add(c => c.Ticket, Item(TicketStatus.New) with { SupportTypeId = 4 }).Add(c => c.Health, health));
        card.FindAll("[data-testid=overage-consent-chip]").Should().BeEmpty();
    }
}
