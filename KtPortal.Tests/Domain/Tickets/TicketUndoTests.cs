using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Tickets;

/// <summary>A status move can be taken back, unseen by the client, by whoever made it, within the undo window.</summary>
public sealed class TicketUndoTests : TicketTestBase
{
    private Task<Guid> UndoAsync(Actor actor, StatusMove move) =>
        Host.WithAsync<TicketService, Guid>(s => s.UndoMoveAsync(actor, move));

    private async Task<Ticket> TicketAsync(int number)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
    }

    private async Task<List<OutboxMessage>> StatusMailAsync()
    {
        await using var db = await Host.OpenDbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "ticket-status").ToListAsync();
    }

    private async Task<List<string>> BellAsync(Actor actor)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId).Select(n => n.Title).ToListAsync();
    }

    private async Task<int> SendDueMailAsync() =>
        (await Host.WithAsync<OutboxSender, OutboxRunResult>(s => s.SendDueAsync())).Sent;

    private async Task<int> RaiseCopyingAliceAsync()
    {
        var number = await RaiseAsync(Carol);
        await Host.WithAsync<TicketService>(s => s.AddCopiedUserAsync(Staff, number, Alice.UserId));
        await SendDueMailAsync(); // the new-ticket mail to staff leaves now; only status mail is left to watch
        return number;
    }

    [Fact]
    public async Task ShouldPutTheStatusBack_AndWithdrawTheHeldMailAndTheBell_WhenUndoneInTime()
    {
        var number = await RaiseCopyingAliceAsync();
        var move = await MoveAsync(Staff, number, TicketStatus.Resolved);
        (await StatusMailAsync()).Should().HaveCount(2).And.OnlyContain(m => m.Status == OutboxStatus.Pending);
        (await BellAsync(Carol)).Should().ContainSingle(t => t.Contains("resolved", StringComparison.OrdinalIgnoreCase));
        (await SendDueMailAsync()).Should().Be(0, "status mail waits out the undo window");

        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        await UndoAsync(Staff, move);

        var ticket = await TicketAsync(number);
        ticket.Status.Should().Be(TicketStatus.New);
        ticket.ResolvedAtUtc.Should().BeNull();
        (await StatusMailAsync()).Should().BeEmpty("the client is never told about a move that was taken back");
        (await BellAsync(Carol)).Should().NotContain(t => t.Contains("resolved", StringComparison.OrdinalIgnoreCase));
        (await BellAsync(Alice)).Should().NotContain(t => t.Contains("resolved", StringComparison.OrdinalIgnoreCase));
        Host.Clock.Advance(TicketRules.UndoWindow);
        (await SendDueMailAsync()).Should().Be(0);
        (await ConversationAsync(Staff, number))!.Activity.Select(a => a.Detail)
            .Should().Contain(["Status: New → Resolved", "Undone: Resolved → New"]);
    }

    [Fact]
    public async Task ShouldSendTheHeldMail_OnceTheWindowHasPassed_AndThenRefuseTheUndo()
    {
        var number = await RaiseCopyingAliceAsync();
        var move = await MoveAsync(Staff, number, TicketStatus.WaitingOnClient);

        Host.Clock.Advance(TicketRules.UndoWindow);
        (await SendDueMailAsync()).Should().Be(2);
        Host.Clock.Advance(TimeSpan.FromSeconds(1));
        var late = () => UndoAsync(Staff, move);

        (await late.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("too late to undo");
        (await TicketAsync(number)).Status.Should().Be(TicketStatus.WaitingOnClient);
    }

    [Fact]
    public async Task ShouldRefuseTheUndo_WhenTheMailHasLeftAlready()
    {
        var number = await RaiseCopyingAliceAsync();
        var move = await MoveAsync(Staff, number, TicketStatus.Resolved);
        await using (var db = await Host.OpenDbAsync())
        {
            // An outbox run that read a clock a little ahead: the message left inside the window.
            await db.OutboxMessages.Where(m => m.Kind == "ticket-status").ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sent));
        }

        var undo = () => UndoAsync(Staff, move);

        (await undo.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("the client has been told");
        (await TicketAsync(number)).Status.Should().Be(TicketStatus.Resolved);
        (await StatusMailAsync()).Should().HaveCount(2, "nothing is withdrawn by a refused undo");
    }

    [Fact]
    public async Task ShouldRefuseTheUndo_WhenTheTicketChangedSince_OrToAnyoneElse()
    {
        var colleague = await Host.CreateUserAsync("pat@kt.test", PortalRoles.Staff, null);
        var number = await RaiseAsync(Carol);
        var move = await MoveAsync(Staff, number, TicketStatus.InProgress);

        var byColleague = () => UndoAsync(colleague, move);
        (await byColleague.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("only the person who moved it");

        await Host.WithAsync<TicketService, Guid>(s => s.AssignAsync(colleague, number, colleague.UserId));
        var stale = () => UndoAsync(Staff, move);
        (await stale.Should().ThrowAsync<ConcurrencyConflictException>()).Which.Message.Should().Contain("changed after the move");
        (await TicketAsync(number)).Status.Should().Be(TicketStatus.InProgress);
    }

    [Fact]
    public async Task ShouldRestoreTheResolvedAndClosedTimes_WhenAReopenOrACloseIsUndone()
    {
        var number = await RaiseAsync(Carol);
        await MoveAsync(Staff, number, TicketStatus.Resolved);
        var resolvedAt = (await TicketAsync(number)).ResolvedAtUtc;
        Host.Clock.Advance(TimeSpan.FromHours(2));

        var close = await MoveAsync(Staff, number, TicketStatus.Closed);
        await UndoAsync(Staff, close);
        var afterClose = await TicketAsync(number);
        (afterClose.Status, afterClose.ResolvedAtUtc, afterClose.ClosedAtUtc).Should().Be((TicketStatus.Resolved, resolvedAt, (DateTime?)null));

        var closed = await MoveAsync(Staff, number, TicketStatus.Closed);
        var closedAt = (await TicketAsync(number)).ClosedAtUtc;
        Host.Clock.Advance(TimeSpan.FromSeconds(1));
        var reopen = await MoveAsync(Staff, number, TicketStatus.InProgress);
        (await TicketAsync(number)).ResolvedAtUtc.Should().BeNull();
        await UndoAsync(Staff, reopen);
        var afterReopen = await TicketAsync(number);
        (afterReopen.Status, afterReopen.ResolvedAtUtc, afterReopen.ClosedAtUtc).Should().Be((TicketStatus.Closed, resolvedAt, closedAt));
        closed.From.Should().Be(TicketStatus.Resolved);
    }

    [Fact]
    public async Task ShouldUndoEachTicketOfABulkMove()
    {
        var first = await RaiseAsync(Carol);
        var second = await RaiseAsync(Bob);
        await MoveAsync(Staff, second, TicketStatus.InProgress);

        var result = await Host.WithAsync<TicketService, BulkMoveResult>(s => s.BulkChangeStatusAsync(Staff, [first, second], TicketStatus.Closed));
        result.Moves.Select(m => (m.Number, m.From)).Should().Equal((first, TicketStatus.New), (second, TicketStatus.InProgress));
        foreach (var move in result.Moves)
        {
            await UndoAsync(Staff, move);
        }

        (await TicketAsync(first)).Status.Should().Be(TicketStatus.New);
        (await TicketAsync(second)).Status.Should().Be(TicketStatus.InProgress);
    }
}
