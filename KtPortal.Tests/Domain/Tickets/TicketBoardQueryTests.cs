using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

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

    private Task<BoardRead> BoardAsync(Actor actor, TicketFilter filter, int size = 10) =>
        Host.WithAsync<TicketQueries, BoardRead>(q => q.GetBoardAsync(actor, filter, Enum.GetValues<TicketStatus>().ToDictionary(s => s, _ => size)));

    [Theory]
    [InlineData(null, TicketSort.RecentlyUpdated)]
    [InlineData("site", TicketSort.RecentlyUpdated)]
    [InlineData("site", TicketSort.DueSoonest)]
    public async Task ShouldReadTheBoardAtOnce_AsColumnByColumn_WithOrWithoutASearch(string? search, TicketSort sort)
    {
        for (var i = 0; i < 9; i++)
        {
            var number = await RaiseAsync(i % 3 == 0 ? Bob : Alice, NewInput(i % 4 == 0 ? $"Site down {i}" : $"Slow site {i}", "Please look"));
            if (i % 3 == 1)
            {
                await MoveAsync(Staff, number, TicketStatus.InProgress);
            }

            Host.Clock.Advance(TimeSpan.FromMinutes(i % 2));
        }

        var filter = new TicketFilter { Search = search, Sort = sort };
        var board = await BoardAsync(Staff, filter, size: 2);
        var counts = await Host.WithAsync<TicketQueries, IReadOnlyDictionary<TicketStatus, int>>(q => q.CountByStatusAsync(Staff, filter));
        board.Counts.Should().Equal(counts);
        board.Counts[TicketStatus.New].Should().Be(6);
        board.SearchTruncated.Should().BeFalse();
        foreach (var page in board.Columns)
        {
            var alone = await ColumnAsync(Staff, filter, page.Status, size: 2);
            page.Items.Select(t => t.Number).Should().Equal(alone.Items.Select(t => t.Number), $"the {page.Status} column reads the same");
            page.Next.Should().Be(alone.Next);
        }

        // Keyset pages through a search's column: every ticket once, in order.
        var seen = new List<int>();
        BoardCursor? cursor = null;
        do
        {
            var page = await ColumnAsync(Staff, filter, TicketStatus.New, cursor, size: 4);
            seen.AddRange(page.Items.Select(t => t.Number));
            cursor = page.Next;
        }
        while (cursor is not null);

        seen.Should().OnlyHaveUniqueItems().And.HaveCount(6);
        var list = await Host.WithAsync<TicketQueries, PagedResult<TicketListItem>>(q => q.ListAsync(Staff, filter with { }, 0, 50));
        list.Items.Where(t => t.Status == TicketStatus.New).Select(t => t.Number).Should().Equal(seen);
    }

    [Fact]
    public async Task ShouldSayWhenASearchMatchesMoreThanTheBoardReads_AndKeepTheNewest()
    {
        var first = await RaiseAsync(Alice, NewInput("Printer jammed", "The office printer"));
        await CopyTicketAsync(first, TicketQueries.SearchWindow);
        var filter = new TicketFilter { Search = "printer" };

        var board = await BoardAsync(Staff, filter);
        board.SearchTruncated.Should().BeTrue();
        board.Counts.Values.Sum().Should().Be(TicketQueries.SearchWindow, "the newest matches, counted as such, and the page says so");
        board.Columns.Single(c => c.Status == TicketStatus.New).Items.Should().NotContain(t => t.Number == first, "the oldest match is past the window");

        var list = await Host.WithAsync<TicketQueries, PagedResult<TicketListItem>>(q => q.ListAsync(Staff, filter, 0, 10));
        list.SearchTruncated.Should().BeTrue();
        list.TotalCount.Should().Be(TicketQueries.SearchWindow);

        // The number still finds the oldest one.
        (await BoardAsync(Staff, new TicketFilter { Search = $"KT-{first}" })).Columns.SelectMany(c => c.Items).Select(t => t.Number).Should().Contain(first);
        (await BoardAsync(Staff, new TicketFilter { Search = "printer jammed" })).SearchTruncated.Should().BeTrue();
        (await BoardAsync(Bob, filter)).Should().Match<BoardRead>(b => !b.SearchTruncated && b.Counts.Values.Sum() == 0, "Birch has none of them");
    }

    /// <summary>Adds <paramref name="copies"/> tickets like this one in one statement (the index triggers index each).</summary>
    private async Task CopyTicketAsync(int number, int copies)
    {
        await using var db = await Host.OpenDbAsync();
        var columns = (await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info('Tickets')").ToListAsync())
            .Where(c => c is not "Id" and not "Number").Select(c => $"\"{c}\"").ToList();
        var list = string.Join(", ", columns);
        // Column names from the table itself and two integers: nothing here comes from outside the test.
        var sql = $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {copies})
            INSERT INTO Tickets ("Number", {list}) SELECT 100000 + n.i, {list} FROM Tickets, n WHERE Tickets.Number = {number}
            """;
        var copied = await db.Database.ExecuteSqlRawAsync(sql);
        copied.Should().Be(copies);
    }
}
