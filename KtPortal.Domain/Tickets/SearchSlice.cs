namespace KtPortal.Domain.Tickets;

/// <summary>What a search slice keeps of each ticket: what the columns, counts and orders need, without the card's text.</summary>
internal sealed record SliceKey(int Id, int Number, TicketStatus Status, DateTime UpdatedAtUtc, DateTime? DueUtc)
{
    public (DateTime UpdatedAtUtc, int Number, DateTime? DueUtc) Order => (UpdatedAtUtc, Number, DueUtc);
}

/// <summary>
/// A search's tickets under the rest of a filter, read once as keys: counts, columns and pages are cut from it in memory,
/// and only the cards a page shows are read in full.
/// </summary>
internal sealed class SearchSlice(IReadOnlyList<SliceKey> keys, bool truncated)
{
    public IReadOnlyList<SliceKey> Keys { get; } = keys;

    public bool Truncated { get; } = truncated;

    public IReadOnlyDictionary<TicketStatus, int> Counts =>
        Enum.GetValues<TicketStatus>().ToDictionary(s => s, s => Keys.Count(k => k.Status == s));

    /// <summary>A column's keys after <paramref name="after"/>, one more than the page to tell whether another follows.</summary>
    public List<SliceKey> ColumnKeys(TicketStatus status, BoardCursor? after, int pageSize, TicketSort sort) =>
        [.. BoardOrder.Sort(Keys.Where(k => k.Status == status && (after is null || BoardOrder.SortsAfter(sort, k.Order, after))), sort, k => k.Order)
            .Take(pageSize + 1)];

    /// <summary>
    /// The page of <paramref name="keys"/> (as <see cref="ColumnKeys"/> gave them) with its cards, by number; a ticket
    /// gone between the two reads is left out.
    /// </summary>
    public static BoardColumnPage Page(TicketStatus status, List<SliceKey> keys, int pageSize, IReadOnlyDictionary<int, TicketListItem> cards)
    {
        var shown = keys.Take(pageSize).Where(k => cards.ContainsKey(k.Number)).Select(k => cards[k.Number]).ToList();
        var last = keys.Count > pageSize ? keys[pageSize - 1] : null;
        return new BoardColumnPage(status, shown, last is null ? null : new BoardCursor(last.UpdatedAtUtc, last.Number, last.DueUtc));
    }
}
