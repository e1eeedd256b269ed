using KtPortal.Domain.Tickets;
using KtPortal.Web.Features.Tickets;

namespace KtPortal.Tests.Web.Tickets;

/// <summary>One changed ticket put where a fresh read of the loaded pages would show it.</summary>
public sealed class BoardColumnTests
{
    private static readonly DateTime Noon = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static TicketListItem Card(int number, TicketStatus status, int minutesAfterNoon) => new(
        number, 1, "Acme Dental", TicketType.Troubleshooting, "WordPress", TicketPriority.Normal, status, $"Ticket {number}",
        null, Noon.AddDays(-1), Noon.AddMinutes(minutesAfterNoon), Guid.NewGuid());

    private static Dictionary<TicketStatus, BoardColumn> Board(params TicketListItem[] cards) => Board(10, cards);

    private static Dictionary<TicketStatus, BoardColumn> Board(int limit, params TicketListItem[] cards)
    {
        var columns = Enum.GetValues<TicketStatus>().ToDictionary(s => s, s => new BoardColumn(s, limit));
        foreach (var card in cards.OrderByDescending(c => c.UpdatedAtUtc).ThenByDescending(c => c.Number))
        {
            columns[card.Status].Items.Add(card);
        }

        return columns;
    }

    private static int[] Numbers(BoardColumn column) => [.. column.Items.Select(c => c.Number)];

    [Fact]
    public void ShouldMoveTheCardToTheTopOfItsNewColumn_WhenItsStatusChanged()
    {
        var board = Board(Card(1, TicketStatus.New, 1), Card(2, TicketStatus.New, 2), Card(3, TicketStatus.InProgress, 3));

        BoardColumn.Apply(board, 1, Card(1, TicketStatus.InProgress, 10));

        Numbers(board[TicketStatus.New]).Should().Equal(2);
        Numbers(board[TicketStatus.InProgress]).Should().Equal(1, 3);
    }

    [Fact]
    public void ShouldKeepNewestFirstOrder_WithTheNumberBreakingTies()
    {
        var board = Board(Card(5, TicketStatus.New, 30), Card(4, TicketStatus.New, 20), Card(2, TicketStatus.New, 10));

        BoardColumn.Apply(board, 3, Card(3, TicketStatus.New, 20));
        BoardColumn.Apply(board, 9, Card(9, TicketStatus.New, 5));

        Numbers(board[TicketStatus.New]).Should().Equal(5, 4, 3, 2, 9);
    }

    [Fact]
    public void ShouldReplaceTheCardInPlace_WhenOnlyItsDetailsChanged()
    {
        var board = Board(Card(1, TicketStatus.New, 1), Card(2, TicketStatus.New, 2));
        var renamed = Card(1, TicketStatus.New, 1) with { Title = "Renamed" };

        BoardColumn.Apply(board, 1, renamed);

        board[TicketStatus.New].Items.Should().HaveCount(2).And.ContainSingle(c => c.Title == "Renamed");
        Numbers(board[TicketStatus.New]).Should().Equal(2, 1);
    }

    [Fact]
    public void ShouldLeaveACardThatSortsPastTheLoadedPage_ToShowMore()
    {
        var board = Board(Card(7, TicketStatus.New, 30), Card(6, TicketStatus.New, 20));
        board[TicketStatus.New].Next = new BoardCursor(Noon.AddMinutes(20), 6);

        BoardColumn.Apply(board, 2, Card(2, TicketStatus.New, 10));
        BoardColumn.Apply(board, 8, Card(8, TicketStatus.New, 25));

        Numbers(board[TicketStatus.New]).Should().Equal(7, 8, 6);
    }

    [Fact]
    public void ShouldTakeTheCardOffTheBoard_WhenTheTicketIsNoLongerOnIt()
    {
        var board = Board(Card(1, TicketStatus.New, 1), Card(2, TicketStatus.Resolved, 2));

        BoardColumn.Apply(board, 2, null);

        board.Values.SelectMany(c => c.Items).Select(c => c.Number).Should().Equal(1);
    }

    [Fact]
    public void ShouldLetTheOldestCardGoBehindShowMore_WhenAFullColumnTakesANewOne()
    {
        var board = Board(2, Card(1, TicketStatus.New, 1), Card(2, TicketStatus.New, 2), Card(3, TicketStatus.InProgress, 3));

        BoardColumn.Apply(board, 3, Card(3, TicketStatus.New, 10));

        Numbers(board[TicketStatus.New]).Should().Equal(3, 2);
        board[TicketStatus.New].Next.Should().Be(new BoardCursor(Noon.AddMinutes(2), 2), "the next page starts after the last card shown");
    }

    [Fact]
    public void ShouldNotTakeACardThatSortsPastTheLastShown_WhenAColumnTrimmedBefore()
    {
        var board = Board(2, Card(1, TicketStatus.New, 1), Card(2, TicketStatus.New, 2));
        BoardColumn.Apply(board, 3, Card(3, TicketStatus.New, 10));

        BoardColumn.Apply(board, 4, Card(4, TicketStatus.New, 0));

        Numbers(board[TicketStatus.New]).Should().Equal(3, 2);
    }

    [Fact]
    public void ShouldPlaceAChangedCardByDueTime_WhenTheBoardIsInDueOrder()
    {
        static TicketListItem Due(int number, int? minutes) => Card(number, TicketStatus.New, 0) with
        {
            Sla = minutes is { } m ? new TicketSla(KtPortal.Domain.Tickets.SlaStage.Response, Noon.AddMinutes(m), Noon, false) : null,
        };

        var board = Board();
        board[TicketStatus.New].Items.AddRange([Due(1, 30), Due(2, 90), Due(3, null)]);

        BoardColumn.Apply(board, 4, Due(4, 60), TicketSort.DueSoonest);
        BoardColumn.Apply(board, 5, Due(5, null), TicketSort.DueSoonest);

        Numbers(board[TicketStatus.New]).Should().Equal(1, 4, 2, 3, 5);
    }
}
