using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;

namespace KtPortal.Tests.Domain.Tickets;

public sealed class TicketBoardQueryTests : TicketTestBase
{
    private Task<BoardColumnPage> ColumnAsync(Actor actor, TicketFilter filter, TicketStatus status = TicketStatus.New, BoardCursor? after = null, int size = 10) =>
        Host.WithAsync<TicketQueries, BoardColumnPage>(q => q.GetBoardColumnAsync(actor, filter, status, after, size));

    [Fact]
    public async Task ShouldWalkAColumnWithKeysetPages_WithoutRepeatsOrGaps()
    {
        for (var i = 0; i < 7; i++)
        {
            await RaiseAsync(i % 2 == 0 ? Alice : Bob, NewInput($"Ticket {i}"));

            // Two tickets share each timestamp, so the cursor must also use the number.
            if (i % 2 == 1)
            {
                Host.Clock.Advance(TimeSpan.FromMinutes(1));
            }
        }

        var seen = new List<int>();
        BoardCursor? cursor = null;
        do
        {
            var page = await ColumnAsync(Staff, TicketFilter.None, after: cursor, size: 3);
            seen.AddRange(page.Items.Select(t => t.Number));
            cursor = page.Next;
        }
        while (cursor is not null);

        seen.Should().Equal(1007, 1006, 1005, 1004, 1003, 1002, 1001);
    }

    [Fact]
    public async Task ShouldFilterByClientAssigneeTypeSupportTypePriorityAndMine()
    {
        var a = await RaiseAsync(Alice, NewInput() with { Priority = TicketPriority.Urgent });
        var b = await RaiseAsync(Bob, new NewTicketInput(TicketType.ServiceRequest, SupportType.DevelopmentId, "New page", "Please"));
        await Host.WithAsync<TicketService, Guid>(s => s.AssignAsync(Staff, b, Staff.UserId));

        async Task<int[]> Numbers(TicketFilter filter) => [.. (await ColumnAsync(Staff, filter)).Items.Select(t => t.Number)];

        (await Numbers(new() { ClientId = AcmeId })).Should().Equal(a);
        (await Numbers(new() { Mine = true })).Should().Equal(b);
        (await Numbers(new() { AssigneeId = Staff.UserId })).Should().Equal(b);
        (await Numbers(new() { Type = TicketType.ServiceRequest })).Should().Equal(b);
        (await Numbers(new() { SupportTypeId = SupportType.TroubleshootingId })).Should().Equal(a);
        (await Numbers(new() { Priority = TicketPriority.Urgent })).Should().Equal(a);
    }

    [Fact]
    public async Task ShouldSearchNumberTitleDescriptionAndReplies_TreatingSyntaxAsText()
    {
        var a = await RaiseAsync(Alice, NewInput("Gallery broken", "Images 100% missing"));
        var b = await RaiseAsync(Alice, NewInput("Slow site", "Since the plugin_update"));
        var c = await RaiseAsync(Alice, NewInput("Slow blog", "Since the plugin update"));
        await CommentAsync(Staff, c, "Replaced the router.");
        await CommentAsync(Staff, b, "Vendor password in the vault.", isInternal: true);

        async Task<int[]> Search(Actor actor, string text) => [.. (await ColumnAsync(actor, new() { Search = text })).Items.Select(t => t.Number).Order()];

        (await Search(Staff, "gallery")).Should().Equal(a);
        (await Search(Staff, "gal")).Should().Equal(a);
        (await Search(Staff, "100%")).Should().Equal(a);
        (await Search(Staff, "plugin_update")).Should().Equal(b, c); // punctuation separates words, as in every full-text index
        (await Search(Staff, "\"gallery\" OR slow")).Should().BeEmpty("OR is a word here, not an operator");
        (await Search(Staff, "title:gallery")).Should().BeEmpty();
        (await Search(Staff, "router")).Should().Equal(c);
        (await Search(Staff, "vault")).Should().Equal(b);
        (await Search(Alice, "vault")).Should().BeEmpty("internal notes are never searched for clients");
        (await Search(Bob, "router")).Should().BeEmpty();
        (await Search(Staff, $"KT-{b}")).Should().Equal(b);
        (await Search(Staff, $"{a}")).Should().Equal(a);
    }

    [Fact]
    public async Task ShouldKeepClientsInTheirScope_WhateverClientTheyFilterOn()
    {
        await RaiseAsync(Alice);
        var bobs = await RaiseAsync(Bob);

        (await ColumnAsync(Bob, new() { ClientId = AcmeId })).Items.Select(t => t.Number).Should().Equal(bobs);
        var counts = await Host.WithAsync<TicketQueries, IReadOnlyDictionary<TicketStatus, int>>(q => q.CountByStatusAsync(Bob, TicketFilter.None));
        counts[TicketStatus.New].Should().Be(1);
        var staffCounts = await Host.WithAsync<TicketQueries, IReadOnlyDictionary<TicketStatus, int>>(q => q.CountByStatusAsync(Staff, TicketFilter.None));
        staffCounts[TicketStatus.New].Should().Be(2);
        staffCounts[TicketStatus.Closed].Should().Be(0);
    }
}
