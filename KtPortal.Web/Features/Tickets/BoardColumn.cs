using KtPortal.Domain.Tickets;

namespace KtPortal.Web.Features.Tickets;

/// <summary>What the board holds for one status: the cards loaded so far, where the next page starts, and the total.</summary>
public sealed class BoardColumn(TicketStatus status, int limit)
{
    public TicketStatus Status { get; } = status;

    /// <summary>
    /// How many cards the column shows: the first page, plus a page per "Show more". Cards that arrive live push the
    /// oldest past it (then "Show more" brings them), so a board left open all day holds no more than it was asked for.
    /// </summary>
    public int Limit { get; set; } = limit;

    /// <summary>In the board's order (<see cref="BoardOrder"/>), as <see cref="TicketQueries.GetBoardColumnAsync"/> reads them.</summary>
    public List<TicketListItem> Items { get; } = [];

    public BoardCursor? Next { get; set; }

    public int Count { get; set; }

    /// <summary>
    /// Puts one changed ticket where a fresh read of the loaded pages would show it: out of every column, then into its
    /// status's column in order, unless it sorts past the last loaded card of a column that has more pages (then "More"
    /// brings it, as the keyset cursor still points past the loaded cards); a column past its <see cref="Limit"/> lets
    /// its oldest cards go behind "Show more". <paramref name="now"/> null: the ticket is
    /// no longer on this board (another filter, or out of the actor's sight). Counts are not touched.
    /// </summary>
    public static void Apply(IReadOnlyDictionary<TicketStatus, BoardColumn> columns, int number, TicketListItem? now, TicketSort sort = TicketSort.RecentlyUpdated)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns.Values)
        {
            column.Items.RemoveAll(c => c.Number == number);
        }

        if (now is null || !columns.TryGetValue(now.Status, out var target)
            || (target.Next is { } next && BoardOrder.SortsAfter(sort, now, next)))
        {
            return;
        }

        var at = BoardOrder.CursorOf(now);
        var index = target.Items.FindIndex(card => BoardOrder.SortsAfter(sort, card, at));
        target.Items.Insert(index < 0 ? target.Items.Count : index, now);
        if (target.Items.Count > target.Limit)
        {
            target.Items.RemoveRange(target.Limit, target.Items.Count - target.Limit);
            target.Next = BoardOrder.CursorOf(target.Items[^1]);
        }
    }
}
