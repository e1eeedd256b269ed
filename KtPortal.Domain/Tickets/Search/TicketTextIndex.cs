using System.Collections.Concurrent;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets.Search;

/// <summary>A ticket whose text matched (<see cref="CommentId"/> null), or one of its replies or notes.</summary>
internal sealed class TextMatch
{
    public int TicketId { get; set; }

    public int? CommentId { get; set; }
}

/// <summary>How a database searches ticket text.</summary>
internal enum TextIndexKind
{
    Fts5,
    SqlServerFullText,

    /// <summary>A scan with LIKE: SQL Server without full-text search. Correct, slow at scale; logged as a warning.</summary>
    Like,
}

/// <summary>
/// The full-text indexes of tickets (title, description) and their replies and notes, behind one set of queries:
/// SQLite FTS5 (tables kept by triggers, migration GlobalSearch) on the embedded database, SQL Server full-text in
/// production, LIKE where SQL Server has no full-text search installed. Scope here only narrows what the index reads;
/// callers still apply <see cref="Tickets.TicketScope"/>, so a wrong guess can hide a result but never show one.
/// </summary>
internal static class TicketTextIndex
{
    /// <summary>
    /// How many of the newest matches of each index are ranked. A word on a third of all tickets ("website") would
    /// otherwise rank hundreds of thousands of rows for every keystroke; the newest matches are where people look.
    /// </summary>
    public const int RankingWindow = 200;

    private static readonly ConcurrentDictionary<string, TextIndexKind> SqlServerKinds = new(StringComparer.Ordinal);

    /// <summary>
    /// The candidates to rank (<see cref="SearchRanking"/>): the newest <see cref="RankingWindow"/> matches of the ticket
    /// text and as many of the replies (notes only for staff). SQL Server picks its best-ranked ones instead.
    /// </summary>
    public static async Task<IReadOnlyList<TextMatch>> CandidatesAsync(
        KtPortalDbContext db, SearchTerms terms, Actor actor, CancellationToken cancellationToken)
    {
        if (terms.IsEmpty)
        {
            return [];
        }

        var kind = KindOf(db);
        if (kind == TextIndexKind.Fts5)
        {
            var (tickets, comments) = await NewestFts5Async(db, terms, actor, RankingWindow, cancellationToken);
            return [.. tickets, .. comments];
        }

        if (kind == TextIndexKind.SqlServerFullText)
        {
            var query = terms.ToSqlServerQuery();
            var clientId = actor.IsStaff ? -1 : actor.ClientId ?? -1;
            var staff = actor.IsStaff;
            var tickets = await db.Database.SqlQuery<TextMatch>($"""
                SELECT TOP ({RankingWindow}) t.Id AS TicketId, CAST(NULL AS int) AS CommentId
                FROM CONTAINSTABLE(Tickets, (Title, Description), {query}) AS ft JOIN Tickets AS t ON t.Id = ft.[KEY]
                WHERE {staff} = CAST(1 AS bit) OR t.ClientId = {clientId}
                ORDER BY ft.[RANK] DESC, t.Id DESC
                """).ToListAsync(cancellationToken);
            var comments = await db.Database.SqlQuery<TextMatch>($"""
                SELECT TOP ({RankingWindow}) c.TicketId AS TicketId, c.Id AS CommentId
                FROM CONTAINSTABLE(TicketComments, Body, {query}) AS ft
                JOIN TicketComments AS c ON c.Id = ft.[KEY] JOIN Tickets AS t ON t.Id = c.TicketId
                WHERE {staff} = CAST(1 AS bit) OR (c.IsInternal = CAST(0 AS bit) AND t.ClientId = {clientId})
                ORDER BY ft.[RANK] DESC, c.Id DESC
                """).ToListAsync(cancellationToken);
            return [.. tickets, .. comments];
        }

        var matching = await LikeMatches(db, terms, actor).OrderByDescending(id => id).Take(RankingWindow).ToListAsync(cancellationToken);
        return [.. matching.Select(id => new TextMatch { TicketId = id })];
    }

    /// <summary>
    /// Which index this database has. SQL Server is asked once per database whether full-text search is there (it is
    /// not on LocalDB); the answer is kept for the life of the process.
    /// </summary>
    public static TextIndexKind KindOf(KtPortalDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            return TextIndexKind.Fts5;
        }

        return SqlServerKinds.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ =>
            db.Database.SqlQuery<int>($"SELECT COUNT(*) AS [Value] FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.Tickets')").Single() > 0
                ? TextIndexKind.SqlServerFullText
                : TextIndexKind.Like);
    }

    /// <summary>Words in the title or description only: the Scope column holds client tokens, which are not text.</summary>
    private static string TicketFtsQuery(SearchTerms terms, Actor actor) =>
        "{Title Description} : (" + terms.ToFts5Query() + ")" + (actor.IsStaff ? string.Empty : $" AND Scope : \"c{actor.ClientId ?? -1}\"");

    private static string CommentFtsQuery(SearchTerms terms, Actor actor) =>
        "Body : (" + terms.ToFts5Query() + ")" + (actor.IsStaff ? string.Empty : $" AND Scope : \"c{actor.ClientId ?? -1}p\"");

    /// <summary>The fallback: every word somewhere in the title or description (a scan; logged where it is chosen).</summary>
    /// <summary>
    /// The ids of the newest <paramref name="window"/> tickets matching by their text and as many matching by a reply
    /// (notes only for staff), and whether either index had more: the board and the ticket list work on this slice
    /// (docs/search.md, "The board's search"). Newest is by id: the order each index keeps its postings in.
    /// </summary>
    public static async Task<(IReadOnlyCollection<int> Ids, bool Truncated)> RecentMatchesAsync(
        KtPortalDbContext db, SearchTerms terms, Actor actor, int window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (terms.IsEmpty)
        {
            return ([], false);
        }

        var asked = window + 1;
        List<int> tickets, replies;
        switch (KindOf(db))
        {
            case TextIndexKind.Fts5:
                var (ticketMatches, commentMatches) = await NewestFts5Async(db, terms, actor, asked, cancellationToken);
                tickets = [.. ticketMatches.Select(m => m.TicketId)];
                replies = [.. commentMatches.Select(m => m.TicketId)];
                break;
            case TextIndexKind.SqlServerFullText:
                var query = terms.ToSqlServerQuery();
                var clientId = actor.IsStaff ? -1 : actor.ClientId ?? -1;
                var staff = actor.IsStaff;
                tickets = await db.Database.SqlQuery<int>($"""
                    SELECT TOP ({asked}) t.Id AS [Value]
                    FROM CONTAINSTABLE(Tickets, (Title, Description), {query}) AS ft JOIN Tickets AS t ON t.Id = ft.[KEY]
                    WHERE {staff} = CAST(1 AS bit) OR t.ClientId = {clientId}
                    ORDER BY t.Id DESC
                    """).ToListAsync(cancellationToken);
                replies = await db.Database.SqlQuery<int>($"""
                    SELECT TOP ({asked}) c.TicketId AS [Value]
                    FROM CONTAINSTABLE(TicketComments, Body, {query}) AS ft
                    JOIN TicketComments AS c ON c.Id = ft.[KEY] JOIN Tickets AS t ON t.Id = c.TicketId
                    WHERE {staff} = CAST(1 AS bit) OR (c.IsInternal = CAST(0 AS bit) AND t.ClientId = {clientId})
                    ORDER BY c.Id DESC
                    """).ToListAsync(cancellationToken);
                break;
            default:
                tickets = await LikeMatches(db, terms, actor).OrderByDescending(id => id).Take(asked).ToListAsync(cancellationToken);
                replies = [];
                break;
        }

        var truncated = tickets.Count > window || replies.Count > window;
        return ([.. tickets.Take(window).Concat(replies.Take(window)).Distinct()], truncated);
    }

    /// <summary>
    /// The newest <paramref name="limit"/> matches of the ticket index and of the reply index (notes only for staff).
    /// ORDER BY rowid DESC with a LIMIT is the order FTS5 walks its postings in: it stops after the window.
    /// </summary>
    private static async Task<(List<TextMatch> Tickets, List<TextMatch> Comments)> NewestFts5Async(
        KtPortalDbContext db, SearchTerms terms, Actor actor, int limit, CancellationToken cancellationToken)
    {
        var ticketQuery = TicketFtsQuery(terms, actor);
        var commentQuery = CommentFtsQuery(terms, actor);
        var tickets = await db.Database.SqlQuery<TextMatch>($"""
            SELECT rowid AS TicketId, NULL AS CommentId
            FROM TicketSearch WHERE TicketSearch MATCH {ticketQuery} ORDER BY rowid DESC LIMIT {limit}
            """).ToListAsync(cancellationToken);
        var comments = await db.Database.SqlQuery<TextMatch>($"""
            SELECT c.TicketId AS TicketId, c.Id AS CommentId
            FROM TicketCommentSearch JOIN TicketComments c ON c.Id = TicketCommentSearch.rowid
            WHERE TicketCommentSearch MATCH {commentQuery} ORDER BY TicketCommentSearch.rowid DESC LIMIT {limit}
            """).ToListAsync(cancellationToken);
        return (tickets, comments);
    }

    private static IQueryable<int> LikeMatches(KtPortalDbContext db, SearchTerms terms, Actor actor)
    {
        var tickets = db.Tickets.AsNoTracking();
        if (!actor.IsStaff)
        {
            var clientId = actor.ClientId ?? -1;
            tickets = tickets.Where(t => t.ClientId == clientId);
        }

        foreach (var word in terms.Words)
        {
            var pattern = "%" + word + "%"; // words are letters and digits only: nothing to escape
            tickets = tickets.Where(t => EF.Functions.Like(t.Title, pattern) || EF.Functions.Like(t.Description, pattern));
        }

        return tickets.Select(t => t.Id);
    }
}
