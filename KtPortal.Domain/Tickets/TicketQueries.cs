using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets.Search;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets;

/// <summary>Reads tickets. The actor's scope (<see cref="TicketScope"/>) is part of every query.</summary>
public sealed class TicketQueries(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>A board column's first page when the page asks for no other size.</summary>
    public const int DefaultBoardPage = 25;

    /// <summary>
    /// How many of the newest matches of each text index a search on the board or the ticket list takes (docs/search.md):
    /// beyond it the page says to narrow the search, instead of every column and count reading every match.
    /// </summary>
    public const int SearchWindow = 500;

    /// <summary>The ticket with this number, or null when it does not exist or the actor may not see it.</summary>
    public async Task<TicketDetails?> GetByNumberAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var details = await (
            from t in TicketScope.Visible(db, actor)
            where t.Number == number
            join c in db.Clients on t.ClientId equals c.Id
            join s in db.SupportTypes on t.SupportTypeId equals s.Id
            join r in db.Users on t.RequesterId equals r.Id into requesters
            from r in requesters.DefaultIfEmpty()
            join a in db.Users on t.AssigneeId equals a.Id into assignees
            from a in assignees.DefaultIfEmpty()
            select new TicketDetails(
                t.Number, t.ClientId, c.Name, t.Type, t.SupportTypeId, s.Name, t.Priority, t.Status, t.Source, t.Title, t.Description,
                t.RequesterId, r == null ? null : r.DisplayName, t.AssigneeId, a == null ? null : a.DisplayName,
                t.CreatedAtUtc, t.UpdatedAtUtc, t.ResolvedAtUtc, t.ConcurrencyStamp)
            {
                Sla = new TicketSla(t.SlaStage, t.SlaDueUtc, t.SlaAtRiskUtc, t.SlaPaused, t.SlaResponseMet, t.SlaResolutionMet),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (details is null)
        {
            return null;
        }

        var copied = await (
            from t in db.Tickets
            where t.Number == number
            join w in db.TicketWatchers on t.Id equals w.TicketId
            join u in db.Users on w.UserId equals u.Id
            orderby u.DisplayName
            select new PersonRef(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        return details with { CopiedUsers = copied };
    }

    /// <summary>The replies, notes, files and history of a ticket as the actor may see them; null when not visible.</summary>
    public async Task<TicketConversation?> GetConversationAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticketId = await TicketScope.Visible(db, actor).Where(t => t.Number == number).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (ticketId is null)
        {
            return null;
        }

        var staff = actor.IsStaff;
        var attachments = await db.TicketAttachments.AsNoTracking()
            .Where(a => a.TicketId == ticketId && (staff || !a.IsInternal))
            .OrderBy(a => a.Id)
            .Select(a => new AttachmentItem(a.Id, a.FileName, a.SizeBytes, a.IsInternal, a.CommentId, a.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        var comments = await (
            from c in db.TicketComments.AsNoTracking()
            where c.TicketId == ticketId && (staff || !c.IsInternal)
            join u in db.Users on c.AuthorId equals u.Id into authors
            from u in authors.DefaultIfEmpty()
            orderby c.CreatedAtUtc, c.Id
            select new { c.Id, Name = u == null ? "KT-Portal" : u.DisplayName, IsStaff = u == null || u.ClientId == null, c.Body, c.IsInternal, c.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var activity = await (
            from a in db.TicketActivities.AsNoTracking()
            where a.TicketId == ticketId && (staff || !a.IsInternal)
            join u in db.Users on a.ActorId equals u.Id into actors
            from u in actors.DefaultIfEmpty()
            orderby a.CreatedAtUtc, a.Id
            select new ActivityItem(u == null ? "KT-Portal" : u.DisplayName, a.Kind, a.Detail, a.IsInternal, a.CreatedAtUtc))
            .ToListAsync(cancellationToken);

        var byComment = attachments.Where(a => a.CommentId is not null).ToLookup(a => a.CommentId!.Value);
        return new TicketConversation(
            [.. attachments.Where(a => a.CommentId is null)],
            [.. comments.Select(c => new CommentItem(c.Id, c.Name, c.IsStaff, c.Body, c.IsInternal, c.CreatedAtUtc, [.. byComment[c.Id]]))],
            activity);
    }

    /// <summary>One page of the actor's tickets, most recently updated first.</summary>
    public async Task<PagedResult<TicketListItem>> ListAsync(
        Actor actor, TicketFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        page = Math.Max(0, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await SearchSliceAsync(db, actor, filter, cancellationToken) is { } slice)
        {
            var keys = BoardOrder.Sort(slice.Keys, filter.Sort, k => k.Order).Skip(page * pageSize).Take(pageSize).ToList();
            var cards = await CardsAsync(db, actor, filter, keys, cancellationToken);
            return new PagedResult<TicketListItem>([.. keys.Where(k => cards.ContainsKey(k.Number)).Select(k => cards[k.Number])], slice.Keys.Count)
            {
                SearchTruncated = slice.Truncated,
            };
        }

        var tickets = Filtered(db, actor, filter);
        var total = await tickets.CountAsync(cancellationToken);
        var items = await Ordered(db, tickets, filter.Sort).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<TicketListItem>(items, total);
    }

    /// <summary>
    /// The whole board at once: every column's count and its first page (as many cards as <paramref name="limits"/> asks
    /// for the column, 25 when it says nothing). With a search it reads the search's slice once for all of it.
    /// </summary>
    public async Task<BoardRead> GetBoardAsync(
        Actor actor, TicketFilter filter, IReadOnlyDictionary<TicketStatus, int> limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(limits);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var sizes = Enum.GetValues<TicketStatus>().ToDictionary(s => s, s => Math.Clamp(limits.GetValueOrDefault(s, DefaultBoardPage), 1, MaxPageSize));
        var slice = await SearchSliceAsync(db, actor, filter, cancellationToken);
        if (slice is null)
        {
            var columns = new List<BoardColumnPage>();
            foreach (var (status, size) in sizes)
            {
                columns.Add(await ColumnAsync(db, actor, filter, status, null, size, cancellationToken));
            }

            return new BoardRead(await CountAsync(db, actor, filter, cancellationToken), columns, false);
        }

        // One read of the cards every column shows, whatever the number of matches.
        var keys = sizes.ToDictionary(p => p.Key, p => slice.ColumnKeys(p.Key, null, p.Value, filter.Sort));
        var cards = await CardsAsync(db, actor, filter, [.. keys.Values.SelectMany(k => k)], cancellationToken);
        return new BoardRead(slice.Counts, [.. sizes.Select(p => SearchSlice.Page(p.Key, keys[p.Key], p.Value, cards))], slice.Truncated);
    }

    /// <summary>
    /// One page of one board column, most recently updated first, continuing after <paramref name="after"/>
    /// (keyset paging: the cost does not grow with how far down the column someone scrolls).
    /// </summary>
    public async Task<BoardColumnPage> GetBoardColumnAsync(
        Actor actor, TicketFilter filter, TicketStatus status, BoardCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await SearchSliceAsync(db, actor, filter, cancellationToken) is not { } slice)
        {
            return await ColumnAsync(db, actor, filter, status, after, pageSize, cancellationToken);
        }

        var keys = slice.ColumnKeys(status, after, pageSize, filter.Sort);
        return SearchSlice.Page(status, keys, pageSize, await CardsAsync(db, actor, filter, keys, cancellationToken));
    }

    /// <summary>
    /// The board cards of the given tickets as they are now, for those the actor sees under the filter; a ticket missing
    /// from the answer is not on the actor's board (any more). Lets an open board apply one change instead of re-reading
    /// its columns.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, TicketListItem>> GetBoardCardsAsync(
        Actor actor, TicketFilter filter, IReadOnlyCollection<int> numbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Count == 0)
        {
            return new Dictionary<int, TicketListItem>();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tickets = Filtered(db, actor, filter).Where(t => numbers.Contains(t.Number));
        if (await SearchIdsAsync(db, actor, filter, cancellationToken) is { } search)
        {
            var ids = search.Ids;
            tickets = tickets.Where(t => EF.Parameter(ids).Contains(t.Id));
        }

        return await Ordered(db, tickets, filter.Sort).ToDictionaryAsync(i => i.Number, cancellationToken);
    }

    /// <summary>How many tickets each board column holds under the filter.</summary>
    public async Task<IReadOnlyDictionary<TicketStatus, int>> CountByStatusAsync(
        Actor actor, TicketFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await CountAsync(db, actor, filter, cancellationToken);
    }

    private async Task<IReadOnlyDictionary<TicketStatus, int>> CountAsync(KtPortalDbContext db, Actor actor, TicketFilter filter, CancellationToken cancellationToken)
    {
        var tickets = Filtered(db, actor, filter);
        if (await SearchIdsAsync(db, actor, filter, cancellationToken) is { } search)
        {
            var ids = search.Ids;
            tickets = tickets.Where(t => EF.Parameter(ids).Contains(t.Id));
        }

        var counts = await tickets.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<TicketStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    private async Task<BoardColumnPage> ColumnAsync(
        KtPortalDbContext db, Actor actor, TicketFilter filter, TicketStatus status, BoardCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        var tickets = Filtered(db, actor, filter).Where(t => t.Status == status);
        if (after is not null)
        {
            tickets = After(tickets, after, filter.Sort);
        }

        var items = await Ordered(db, tickets, filter.Sort).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = items.Count > pageSize ? BoardOrder.CursorOf(items[pageSize - 1]) : null;
        return new BoardColumnPage(status, [.. items.Take(pageSize)], next);
    }

    /// <summary>
    /// A search's tickets (docs/search.md, "The board's search"): the ids of the newest <see cref="SearchWindow"/>
    /// matches of each text index, plus the ticket a number names; null without a search.
    /// </summary>
    private static async Task<(List<int> Ids, bool Truncated)?> SearchIdsAsync(
        KtPortalDbContext db, Actor actor, TicketFilter filter, CancellationToken cancellationToken)
    {
        var search = SearchTerms.Parse(filter.Search);
        if (search.IsEmpty)
        {
            return null;
        }

        var (matches, truncated) = await TicketTextIndex.RecentMatchesAsync(db, search, actor, SearchWindow, cancellationToken);
        var ids = matches.ToList();
        if (search.TicketNumber is int number
            && await db.Tickets.Where(t => t.Number == number).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken) is int numbered
            && !ids.Contains(numbered))
        {
            ids.Add(numbered);
        }

        return (ids, truncated);
    }

    /// <summary>
    /// A search's slice under the rest of the filter: the keys of its tickets, read once by id (never by walking a column's
    /// index, which for a rare word would read the whole column); columns, counts and pages are cut from it in memory.
    /// </summary>
    private async Task<SearchSlice?> SearchSliceAsync(KtPortalDbContext db, Actor actor, TicketFilter filter, CancellationToken cancellationToken)
    {
        if (await SearchIdsAsync(db, actor, filter, cancellationToken) is not { } search)
        {
            return null;
        }

        var ids = search.Ids;
        var keys = await Filtered(db, actor, filter).Where(t => EF.Parameter(ids).Contains(t.Id))
            .Select(t => new SliceKey(t.Id, t.Number, t.Status, t.UpdatedAtUtc, t.SlaStage == SlaStage.None ? null : t.SlaDueUtc))
            .ToListAsync(cancellationToken);
        return new SearchSlice(keys, search.Truncated);
    }

    /// <summary>The cards of a slice's tickets a page shows, by number, read by key under the same scope and filter.</summary>
    private async Task<IReadOnlyDictionary<int, TicketListItem>> CardsAsync(
        KtPortalDbContext db, Actor actor, TicketFilter filter, IReadOnlyCollection<SliceKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<int, TicketListItem>();
        }

        var ids = keys.Select(k => k.Id).Distinct().ToList();
        return await Projected(db, Filtered(db, actor, filter).Where(t => EF.Parameter(ids).Contains(t.Id))).ToDictionaryAsync(c => c.Number, cancellationToken);
    }

    /// <summary>How many tickets use each support type (types no ticket uses are absent). Staff only.</summary>
    public async Task<IReadOnlyDictionary<int, int>> CountBySupportTypeAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "count tickets by support type");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.AsNoTracking().GroupBy(t => t.SupportTypeId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>Active staff, for assignment. Staff only.</summary>
    public async Task<IReadOnlyList<PersonRef>> ListAssigneesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsStaff)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await TicketService.ActiveStaff(db).OrderBy(u => u.DisplayName).Select(u => new PersonRef(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Active users of a client who can be requesters or copied on its tickets, within the actor's scope.</summary>
    public async Task<IReadOnlyList<PersonRef>> ListClientPeopleAsync(Actor actor, int clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSeeClient(clientId))
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.ClientId == clientId && u.IsActive).OrderBy(u => u.DisplayName)
            .Select(u => new PersonRef(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    private IQueryable<Ticket> Filtered(KtPortalDbContext db, Actor actor, TicketFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var tickets = TicketScope.Visible(db, actor);
        if (filter.ClientId is int clientId && actor.IsStaff)
        {
            tickets = tickets.Where(t => t.ClientId == clientId);
        }

        if (filter.Mine)
        {
            tickets = tickets.Where(t => t.AssigneeId == actor.UserId);
        }
        else if (!string.IsNullOrEmpty(filter.AssigneeId))
        {
            tickets = tickets.Where(t => t.AssigneeId == filter.AssigneeId);
        }

        if (filter.Type is TicketType type)
        {
            tickets = tickets.Where(t => t.Type == type);
        }

        if (filter.SupportTypeId is int supportTypeId)
        {
            tickets = tickets.Where(t => t.SupportTypeId == supportTypeId);
        }

        if (filter.Priority is TicketPriority priority)
        {
            tickets = tickets.Where(t => t.Priority == priority);
        }

        if (filter.DueSoon)
        {
            var soon = clock.GetUtcNow().UtcDateTime + TicketFilter.DueSoonWindow;
            tickets = tickets.Where(t => t.SlaDueUtc != null && t.SlaDueUtc <= soon);
        }

        if (filter.OpenOnly)
        {
            tickets = tickets.Where(t => t.Status != TicketStatus.Closed && t.Status != TicketStatus.Resolved);
        }

        return tickets;
    }

    /// <summary>The keyset condition for "after this card" in the column's order (see <see cref="BoardOrder.SortsAfter"/>).</summary>
    private static IQueryable<Ticket> After(IQueryable<Ticket> tickets, BoardCursor after, TicketSort sort) =>
        sort != TicketSort.DueSoonest
            ? tickets.Where(t => t.UpdatedAtUtc < after.UpdatedAtUtc || (t.UpdatedAtUtc == after.UpdatedAtUtc && t.Number < after.Number))
            : after.DueUtc is { } due
                ? tickets.Where(t => t.SlaDueUtc == null || t.SlaDueUtc > due || (t.SlaDueUtc == due && t.Number > after.Number))
                : tickets.Where(t => t.SlaDueUtc == null && t.Number > after.Number);

    /// <summary>
    /// List items in the filter's order: most recently updated first (the order the indexes on UpdatedAtUtc, Number
    /// serve), or soonest due first (Status, SlaDueUtc, Number), tickets without a running target last.
    /// </summary>
    private static IQueryable<TicketListItem> Ordered(KtPortalDbContext db, IQueryable<Ticket> tickets, TicketSort sort)
    {
        var rows = Joined(db, tickets);
        var ordered = sort == TicketSort.DueSoonest
            ? rows.OrderBy(r => r.Ticket.SlaDueUtc == null).ThenBy(r => r.Ticket.SlaDueUtc).ThenBy(r => r.Ticket.Number)
            : rows.OrderByDescending(r => r.Ticket.UpdatedAtUtc).ThenByDescending(r => r.Ticket.Number);
        return Cards(ordered);
    }

    /// <summary>List items in no order: for a read by key, which <see cref="BoardOrder.Sort"/> then orders.</summary>
    private static IQueryable<TicketListItem> Projected(KtPortalDbContext db, IQueryable<Ticket> tickets) => Cards(Joined(db, tickets));

    private static IQueryable<CardRow> Joined(KtPortalDbContext db, IQueryable<Ticket> tickets) =>
        from t in tickets
        join c in db.Clients on t.ClientId equals c.Id
        join s in db.SupportTypes on t.SupportTypeId equals s.Id
        join a in db.Users on t.AssigneeId equals a.Id into assignees
        from a in assignees.DefaultIfEmpty()
        select new CardRow { Ticket = t, ClientName = c.Name, SupportTypeName = s.Name, AssigneeName = a == null ? null : a.DisplayName };

    private static IQueryable<TicketListItem> Cards(IQueryable<CardRow> rows) =>
        rows.Select(r => new TicketListItem(r.Ticket.Number, r.Ticket.ClientId, r.ClientName, r.Ticket.Type, r.SupportTypeName, r.Ticket.Priority, r.Ticket.Status, r.Ticket.Title,
            r.AssigneeName, r.Ticket.CreatedAtUtc, r.Ticket.UpdatedAtUtc, r.Ticket.ConcurrencyStamp,
            r.Ticket.SlaStage == SlaStage.None ? null : new TicketSla(r.Ticket.SlaStage, r.Ticket.SlaDueUtc, r.Ticket.SlaAtRiskUtc, r.Ticket.SlaPaused, null, null),
            r.Ticket.SupportTypeId));

    /// <summary>A ticket with the names its card shows, between the joins and the projection.</summary>
    private sealed class CardRow
    {
        public Ticket Ticket { get; init; } = null!;

        public string ClientName { get; init; } = string.Empty;

        public string SupportTypeName { get; init; } = string.Empty;

        public string? AssigneeName { get; init; }
    }
}
