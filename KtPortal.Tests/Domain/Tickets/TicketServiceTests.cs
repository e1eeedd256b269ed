using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;

namespace KtPortal.Tests.Domain.Tickets;

public sealed class TicketServiceTests : TicketTestBase
{
    [Fact]
    public async Task ShouldNumberTicketsSequentially_FromKT1001_AndContinueAfterExistingOnes()
    {
        var first = await RaiseAsync(Alice);
        var second = await RaiseAsync(Bob);
        first.Should().Be(1001);
        second.Should().Be(1002);

        // A ticket that arrived without the sequence (older data) is never overwritten: numbering moves past it.
        await Host.CreateTicketAsync(AcmeId, Alice.UserId);
        var manual = (await Host.WithAsync<TicketQueries, PagedResult<TicketListItem>>(q => q.ListAsync(Staff, TicketFilter.None, 0, 10)))
            .Items.Max(t => t.Number);
        (await RaiseAsync(Alice)).Should().Be(Math.Max(manual, second) + 1);
    }

    [Fact]
    public async Task ShouldRaiseForTheirOwnClientAsThemselves_WhenAClientUserNamesAnotherClient()
    {
        var number = await RaiseAsync(Carol, NewInput() with { ClientId = BirchId, RequesterId = Bob.UserId, AssigneeId = Staff.UserId });

        var ticket = await GetAsync(Staff, number);
        ticket!.ClientId.Should().Be(AcmeId);
        ticket.RequesterId.Should().Be(Carol.UserId);
        ticket.AssigneeId.Should().BeNull();
        ticket.Source.Should().Be(TicketSource.Portal);
        ticket.Status.Should().Be(TicketStatus.New);
        (await GetAsync(Bob, number)).Should().BeNull();
    }

    [Fact]
    public async Task ShouldLetStaffRaiseForAClient_WithItsRequesterAndAnAssignee()
    {
        var number = await RaiseAsync(Staff, NewInput() with { ClientId = BirchId, RequesterId = Bob.UserId, AssigneeId = Staff.UserId, Priority = TicketPriority.High });

        var ticket = (await GetAsync(Bob, number))!;
        ticket.Source.Should().Be(TicketSource.Staff);
        ticket.RequesterName.Should().Be("bob");
        ticket.AssigneeName.Should().Be("sam");
        ticket.Priority.Should().Be(TicketPriority.High);
    }

    [Fact]
    public async Task ShouldRefuseStaffInputThatDoesNotFit_WithAMessagePerField()
    {
        var noClient = () => RaiseAsync(Staff, NewInput());
        var wrongPeople = () => RaiseAsync(Staff, NewInput() with { ClientId = BirchId, RequesterId = Alice.UserId, AssigneeId = Bob.UserId });

        (await noClient.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["ClientId"].Should().Equal("Choose the client.");
        var errors = (await wrongPeople.Should().ThrowAsync<ValidationFailedException>()).Which.Errors;
        errors["RequesterId"].Should().Equal("The requester must be an active user of the client.");
        errors["AssigneeId"].Should().Equal("The assignee must be an active staff member.");
        (await CountAsync<Ticket>()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldRejectWithFieldMessagesAndSaveNothing_WhenTitleIsEmptyOrDescriptionIs10MB()
    {
        var tenMegabytes = new string('x', 10 * 1024 * 1024);
        var act = () => RaiseAsync(Alice, NewInput(title: "  ", description: tenMegabytes) with { SupportTypeId = 999 });

        var error = (await act.Should().ThrowAsync<ValidationFailedException>()).Which;
        error.Errors["Title"].Should().ContainSingle().Which.Should().Be("Title is required.");
        error.Errors["Description"].Should().ContainSingle().Which.Should().Be("Description must be at most 50000 characters.");
        error.Errors["SupportTypeId"].Should().ContainSingle().Which.Should().Be("Choose a support type.");
        (await CountAsync<Ticket>()).Should().Be(0);
        (await CountAsync<KtPortal.Domain.Data.Sequence>()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldRefuseAnInactiveSupportType_ForNewTickets()
    {
        await Host.WithAsync<SupportTypeService>(s => s.SetActiveAsync(Actor.System, SupportType.WordPressId, active: false));

        var act = () => RaiseAsync(Alice, NewInput() with { SupportTypeId = SupportType.WordPressId });

        (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("SupportTypeId");
    }

    [Fact]
    public async Task ShouldWalkTheWorkflow_AndRecordWhoChangedWhat()
    {
        var number = await RaiseAsync(Alice);
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        await MoveAsync(Staff, number, TicketStatus.InProgress);
        await MoveAsync(Staff, number, TicketStatus.Resolved);

        var ticket = await GetAsync(Alice, number);
        ticket!.Status.Should().Be(TicketStatus.Resolved);
        ticket.ResolvedAtUtc.Should().Be(Host.Clock.GetUtcNow().UtcDateTime);
        var history = (await ConversationAsync(Alice, number))!.Activity;
        history.Select(a => a.Detail).Should().ContainInOrder("Raised via Portal", "Status: New → In Progress", "Status: In Progress → Resolved");
        history.Where(a => a.Kind == TicketActivityKind.StatusChanged).Should().OnlyContain(a => a.ActorName == "sam");
    }

    [Theory]
    [InlineData(TicketStatus.Closed, TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed, TicketStatus.WaitingOnClient)]
    [InlineData(TicketStatus.Resolved, TicketStatus.WaitingOnClient)]
    [InlineData(TicketStatus.InProgress, TicketStatus.New)]
    public async Task ShouldRefuseAndChangeNothing_WhenTheTransitionIsNotAllowed(TicketStatus from, TicketStatus to)
    {
        var number = await Host.CreateTicketAsync(AcmeId, Alice.UserId, status: from);
        var before = await GetAsync(Staff, number);

        var act = () => MoveAsync(Staff, number, to);

        var error = (await act.Should().ThrowAsync<ValidationFailedException>()).Which;
        error.Errors["Status"].Single().Should().StartWith($"A ticket that is {TicketRules.Label(from)} cannot move to {TicketRules.Label(to)}.");
        (await GetAsync(Staff, number)).Should().BeEquivalentTo(before);
        (await ConversationAsync(Staff, number))!.Activity.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldLetAClientOnlyCloseOrReopen()
    {
        var number = await RaiseAsync(Carol);

        var resolve = () => MoveAsync(Carol, number, TicketStatus.Resolved);
        await resolve.Should().ThrowAsync<ValidationFailedException>();

        await MoveAsync(Carol, number, TicketStatus.Closed);
        (await GetAsync(Carol, number))!.Status.Should().Be(TicketStatus.Closed);
        await MoveAsync(Carol, number, TicketStatus.InProgress);
        (await GetAsync(Carol, number))!.Status.Should().Be(TicketStatus.InProgress);
        (await ConversationAsync(Carol, number))!.Activity.Select(a => a.Detail).Should().Contain("Reopened: Closed → In Progress");
    }

    [Fact]
    public async Task ShouldTellTheSecondEditorThatTheTicketChanged_AndKeepTheFirstEdit()
    {
        var number = await RaiseAsync(Alice);
        var read = (await GetAsync(Staff, number))!;
        var firstEdit = new TicketEditInput(read.Type, read.SupportTypeId, TicketPriority.Urgent, "Contact form down", read.Description);
        var secondEdit = firstEdit with { Priority = TicketPriority.Low, Title = "Someone else's title" };

        await Host.WithAsync<TicketService, Guid>(s => s.UpdateAsync(Staff, number, firstEdit, read.ConcurrencyStamp));
        var second = () => Host.WithAsync<TicketService, Guid>(s => s.UpdateAsync(Staff, number, secondEdit, read.ConcurrencyStamp));
        var moveFromStaleCard = () => MoveAsync(Staff, number, TicketStatus.InProgress, read.ConcurrencyStamp);

        (await second.Should().ThrowAsync<ConcurrencyConflictException>()).Which.Message.Should().StartWith("This ticket changed since you opened it.");
        await moveFromStaleCard.Should().ThrowAsync<ConcurrencyConflictException>();
        var now = (await GetAsync(Staff, number))!;
        now.Title.Should().Be("Contact form down");
        now.Priority.Should().Be(TicketPriority.Urgent);
        now.Status.Should().Be(TicketStatus.New);
    }

    [Fact]
    public async Task ShouldOnlyLetStaffEditOrAssign_AndOnlyAssignStaff()
    {
        var number = await RaiseAsync(Alice);
        var stamp = (await GetAsync(Alice, number))!.ConcurrencyStamp;

        var clientEdit = () => Host.WithAsync<TicketService, Guid>(s => s.UpdateAsync(Alice, number, new TicketEditInput(TicketType.Troubleshooting, 1, TicketPriority.Urgent, "x", "y"), stamp));
        var clientAssign = () => Host.WithAsync<TicketService, Guid>(s => s.AssignAsync(Alice, number, Staff.UserId));
        var assignClient = () => Host.WithAsync<TicketService, Guid>(s => s.AssignAsync(Staff, number, Carol.UserId));

        await clientEdit.Should().ThrowAsync<ForbiddenException>();
        await clientAssign.Should().ThrowAsync<ForbiddenException>();
        (await assignClient.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("AssigneeId");
        await Host.WithAsync<TicketService, Guid>(s => s.AssignAsync(Staff, number, Staff.UserId));
        (await GetAsync(Alice, number))!.AssigneeName.Should().Be("sam");
    }

    [Fact]
    public async Task ShouldChangeWhatItCanInBulk_AndSayWhyItSkippedTheRest()
    {
        var open = await RaiseAsync(Alice);
        var closed = await Host.CreateTicketAsync(BirchId, Bob.UserId, status: TicketStatus.Closed);

        var result = await Host.WithAsync<TicketService, BulkMoveResult>(s => s.BulkChangeStatusAsync(Staff, [open, closed, 9999], TicketStatus.Resolved));

        result.Moves.Select(m => (m.Number, m.From, m.To)).Should().Equal((open, TicketStatus.New, TicketStatus.Resolved));
        result.Skipped.Keys.Should().BeEquivalentTo([closed, 9999]);
        result.Skipped[closed].Should().Contain("cannot move to Resolved");
        result.Skipped[9999].Should().Be("Ticket not found.");
        (await GetAsync(Staff, closed))!.Status.Should().Be(TicketStatus.Closed);

        var assigned = await Host.WithAsync<TicketService, BulkResult>(s => s.BulkAssignAsync(Staff, [open, closed], Staff.UserId));
        assigned.Changed.Should().Equal(open, closed);
    }

    [Fact]
    public async Task ShouldCloseResolvedTicketsAfterSevenDaysWithoutAReply_OnceOnly()
    {
        var quiet = await RaiseAsync(Alice);
        var answered = await RaiseAsync(Alice);
        await MoveAsync(Staff, quiet, TicketStatus.Resolved);
        await MoveAsync(Staff, answered, TicketStatus.Resolved);
        Host.Clock.Advance(TimeSpan.FromDays(3));
        await CommentAsync(Staff, answered, "Let us know if it happens again.");

        Host.Clock.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
        (await Host.WithAsync<TicketService, int>(s => s.CloseStaleResolvedAsync())).Should().Be(0);
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Host.WithAsync<TicketService, int>(s => s.CloseStaleResolvedAsync())).Should().Be(1);
        (await Host.WithAsync<TicketService, int>(s => s.CloseStaleResolvedAsync())).Should().Be(0);

        (await GetAsync(Alice, quiet))!.Status.Should().Be(TicketStatus.Closed);
        (await GetAsync(Alice, answered))!.Status.Should().Be(TicketStatus.Resolved);
        (await ConversationAsync(Alice, quiet))!.Activity[^1].Should().Match<ActivityItem>(a => a.ActorName == "KT-Portal" && a.Detail.StartsWith("Closed automatically", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldPublishTheTicketAndItsClient_AfterEachChange()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<PortalChange>();
        using var _ = Host.Get<IChangeNotifier>().Subscribe(Staff, c => { seen.Enqueue(c); return Task.CompletedTask; });

        var number = await RaiseAsync(Alice);
        await MoveAsync(Staff, number, TicketStatus.InProgress);
        await CommentAsync(Alice, number, "Any news?");

        await Eventually.TrueAsync(() => seen.Count(c => c.Topic == PortalChange.Topics.Ticket) >= 3, "three ticket changes are delivered");
        seen.Where(c => c.Topic == PortalChange.Topics.Ticket).Should().HaveCount(3).And.OnlyContain(c => c.EntityId == "KT-1001" && c.ClientId == AcmeId);
        seen.Where(c => c.Topic != PortalChange.Topics.Ticket).Should().OnlyContain(c => c.Topic == PortalChange.Topics.Notification, "the bell of staff told about the new ticket");
    }
}
