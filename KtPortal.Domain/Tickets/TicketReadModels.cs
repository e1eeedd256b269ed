namespace KtPortal.Domain.Tickets;

public sealed record TicketListItem(
    int Number,
    int ClientId,
    string ClientName,
    TicketType Type,
    string SupportTypeName,
    TicketPriority Priority,
    TicketStatus Status,
    string Title,
    string? AssigneeName,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    Guid ConcurrencyStamp,
    TicketSla? Sla = null,
    int SupportTypeId = 0)
{
    public string DisplayNumber => TicketNumber.Format(Number);
}

/// <summary>
/// A ticket's running service-level target as stored (see the service levels' keeper): the page works out the state
/// (ok, at risk, breached, paused) at its own "now", so it stays live without asking the database again.
/// </summary>
public sealed record TicketSla(SlaStage Stage, DateTime? DueUtc, DateTime? AtRiskUtc, bool Paused, bool? ResponseMet = null, bool? ResolutionMet = null);

public sealed record PersonRef(string Id, string DisplayName);

public sealed record TicketDetails(
    int Number,
    int ClientId,
    string ClientName,
    TicketType Type,
    int SupportTypeId,
    string SupportTypeName,
    TicketPriority Priority,
    TicketStatus Status,
    TicketSource Source,
    string Title,
    string Description,
    string? RequesterId,
    string? RequesterName,
    string? AssigneeId,
    string? AssigneeName,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    DateTime? ResolvedAtUtc,
    Guid ConcurrencyStamp)
{
    public string DisplayNumber => TicketNumber.Format(Number);

    public IReadOnlyList<PersonRef> CopiedUsers { get; init; } = [];

    /// <summary>The service level: the running target, and whether the response and resolution met theirs.</summary>
    public TicketSla? Sla { get; init; }
}

public sealed record AttachmentItem(int Id, string FileName, long SizeBytes, bool IsInternal, int? CommentId, DateTime CreatedAtUtc);

public sealed record CommentItem(
    int Id, string AuthorName, bool AuthorIsStaff, string Body, bool IsInternal, DateTime CreatedAtUtc, IReadOnlyList<AttachmentItem> Attachments);

public sealed record ActivityItem(string ActorName, TicketActivityKind Kind, string Detail, bool IsInternal, DateTime CreatedAtUtc);

/// <summary>A ticket's conversation as the actor may see it: internal notes and their files only for staff.</summary>
public sealed record TicketConversation(
    IReadOnlyList<AttachmentItem> TicketAttachments,
    IReadOnlyList<CommentItem> Comments,
    IReadOnlyList<ActivityItem> Activity);

/// <summary>List and board filters. Client filters are ignored for client users, whose scope is fixed.</summary>
public sealed record TicketFilter
{
    public int? ClientId { get; init; }

    public string? AssigneeId { get; init; }

    /// <summary>Only tickets assigned to the acting staff member.</summary>
    public bool Mine { get; init; }

    public TicketType? Type { get; init; }

    public int? SupportTypeId { get; init; }

    public TicketPriority? Priority { get; init; }

    /// <summary>Matches a ticket number (KT-1042 or 1042), or every word in the title, description or a visible reply (full-text).</summary>
    public string? Search { get; init; }

    public bool OpenOnly { get; init; }

    /// <summary>Only tickets whose running target is due within <see cref="DueSoonWindow"/> or already overdue.</summary>
    public bool DueSoon { get; init; }

    public TicketSort Sort { get; init; }

    /// <summary>What "due soon" means: half a working day.</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(4);

    public static TicketFilter None { get; } = new();
}

/// <summary>How a board column is ordered.</summary>
public enum TicketSort
{
    /// <summary>Most recently updated first (the default).</summary>
    RecentlyUpdated,

    /// <summary>The soonest due time first (overdue at the top), tickets without a running target last.</summary>
    DueSoonest,
}

/// <summary>Where the next board page starts: after this ticket in the column's order (<see cref="BoardOrder"/>).</summary>
public sealed record BoardCursor(DateTime UpdatedAtUtc, int Number, DateTime? DueUtc = null);

/// <summary>The board's two orders, in one place for the query's keyset and the page that places a changed card.</summary>
public static class BoardOrder
{
    public static BoardCursor CursorOf(TicketListItem card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new BoardCursor(card.UpdatedAtUtc, card.Number, card.Sla?.DueUtc);
    }

    /// <summary>Cards in this order, as the database orders them (TicketQueries' ORDER BY): for a slice read in memory.</summary>
    public static IOrderedEnumerable<T> Sort<T>(IEnumerable<T> items, TicketSort sort, Func<T, (DateTime UpdatedAtUtc, int Number, DateTime? DueUtc)> key) =>
        sort == TicketSort.DueSoonest
            ? items.OrderBy(i => key(i).DueUtc is null).ThenBy(i => key(i).DueUtc).ThenBy(i => key(i).Number)
            : items.OrderByDescending(i => key(i).UpdatedAtUtc).ThenByDescending(i => key(i).Number);

    /// <summary>Whether <paramref name="card"/> comes after the position <paramref name="at"/> in this order.</summary>
    public static bool SortsAfter(TicketSort sort, TicketListItem card, BoardCursor at)
    {
        ArgumentNullException.ThrowIfNull(card);
        return SortsAfter(sort, (card.UpdatedAtUtc, card.Number, card.Sla?.DueUtc), at);
    }

    /// <summary>As above, for a ticket known by the values the order reads.</summary>
    public static bool SortsAfter(TicketSort sort, (DateTime UpdatedAtUtc, int Number, DateTime? DueUtc) card, BoardCursor at)
    {
        ArgumentNullException.ThrowIfNull(at);
        if (sort == TicketSort.DueSoonest)
        {
            return (card.DueUtc, at.DueUtc) switch
            {
                (null, null) => card.Number > at.Number,
                (null, _) => true,
                (_, null) => false,
                var (mine, theirs) => mine > theirs || (mine == theirs && card.Number > at.Number),
            };
        }

        return card.UpdatedAtUtc < at.UpdatedAtUtc || (card.UpdatedAtUtc == at.UpdatedAtUtc && card.Number < at.Number);
    }
}

public sealed record BoardColumnPage(TicketStatus Status, IReadOnlyList<TicketListItem> Items, BoardCursor? Next);

/// <summary>
/// The board in one read: each column's count and first page. <see cref="SearchTruncated"/>: a search matched more than
/// <see cref="TicketQueries.SearchWindow"/> tickets in an index, and the board shows the newest of them.
/// </summary>
public sealed record BoardRead(IReadOnlyDictionary<TicketStatus, int> Counts, IReadOnlyList<BoardColumnPage> Columns, bool SearchTruncated);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount)
{
    /// <summary>A search matched more than <see cref="TicketQueries.SearchWindow"/> tickets: these are the newest of them.</summary>
    public bool SearchTruncated { get; init; }
}
