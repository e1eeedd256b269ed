using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.Tickets.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KtPortal.Domain.Search;

/// <summary>
/// The search box in the app bar: tickets (number, title, description, replies; notes for staff), clients, people and
/// invoices by number, each ranked and scoped by who asks. Staff find everything; a client's admin finds the
/// client's tickets, people and (with billing access) invoices; a client user finds the tickets they may open and,
/// with billing access, the invoices. Ticket text goes through <see cref="TicketTextIndex"/> (full-text on both
/// databases); the other kinds are small tables read with LIKE.
/// </summary>
public sealed class GlobalSearchService(IDbContextFactory<KtPortalDbContext> contextFactory, ILogger<GlobalSearchService> logger)
{
    public const int DefaultLimit = 8;

    public const int MaxLimit = 50;

    public async Task<GlobalSearchResults> SearchAsync(Actor actor, string? text, int limit = DefaultLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Ask for 1 to {MaxLimit} results of each kind.");
        }

        var terms = SearchTerms.Parse(text);
        if (terms.IsEmpty)
        {
            return GlobalSearchResults.Empty(terms.Text);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (TicketTextIndex.KindOf(db) == TextIndexKind.Like)
        {
            logger.LogWarning("SQL Server has no full-text index on Tickets: search scans with LIKE. Install full-text search and run the migrations (docs/search.md).");
        }

        var tickets = await TicketsAsync(db, actor, terms, limit, cancellationToken);
        var clients = actor.IsStaff ? await ClientsAsync(db, terms, limit, cancellationToken) : [];
        var people = await PeopleAsync(db, actor, terms, limit, cancellationToken);
        var invoices = await InvoicesAsync(db, actor, terms, limit, cancellationToken);
        return new GlobalSearchResults(terms.Text, tickets, clients, people, invoices);
    }

    private static async Task<IReadOnlyList<TicketSearchHit>> TicketsAsync(
        KtPortalDbContext db, Actor actor, SearchTerms terms, int limit, CancellationToken cancellationToken)
    {
        var candidates = await TicketTextIndex.CandidatesAsync(db, terms, actor, cancellationToken);
        var ids = candidates.Select(c => c.TicketId).ToHashSet();
        var numbered = terms.TicketNumber is int number
            ? await db.Tickets.AsNoTracking().Where(t => t.Number == number).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (numbered is int numberedId)
        {
            ids.Add(numberedId);
        }

        // Only ids in the query ("Id IN (…)"): SQLite then reads those rows by key, whatever else the scope says. One
        // parameter holding them all (EF.Parameter): hundreds of separate ones cost more to bind than the query takes.
        var idList = ids.ToList();
        var rows = await (
            from t in TicketScope.Visible(db, actor)
            where EF.Parameter(idList).Contains(t.Id)
            join c in db.Clients on t.ClientId equals c.Id
            select new { t.Id, t.Number, t.Title, t.Description, ClientName = c.Name, t.Status }).ToListAsync(cancellationToken);

        var commentIds = candidates.Select(c => c.CommentId).OfType<int>().ToList();
        var comments = commentIds.Count == 0
            ? []
            : await db.TicketComments.AsNoTracking().Where(c => EF.Parameter(commentIds).Contains(c.Id) && (actor.IsStaff || !c.IsInternal))
                .Select(c => new { c.Id, c.TicketId, c.Body, c.IsInternal }).ToListAsync(cancellationToken);
        var bestReply = comments
            .Select(c => (c.TicketId, Comment: c, Score: SearchRanking.OfReply(terms, c.Body)))
            .GroupBy(c => c.TicketId)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.Score));

        // The number first, then the best score of the ticket's own text or its best reply, then the newest.
        var ranked = rows
            .Select(r =>
            {
                var own = SearchRanking.OfTicket(terms, r.Title, r.Description);
                var reply = bestReply.TryGetValue(r.Id, out var best) ? best : default;
                return (Row: r, Own: own, Reply: reply, Score: Math.Max(own, reply.Score));
            })
            .OrderBy(r => r.Row.Id == numbered ? 0 : 1)
            .ThenByDescending(r => r.Score)
            .ThenByDescending(r => r.Row.Id)
            .Take(limit);

        return [.. ranked.Select(r =>
        {
            var row = r.Row;
            if (row.Id == numbered)
            {
                return new TicketSearchHit(row.Number, row.Title, row.ClientName, row.Status, SearchMatchSource.Number, null);
            }

            if (r.Reply.Comment is { } comment && r.Reply.Score > r.Own)
            {
                return new TicketSearchHit(row.Number, row.Title, row.ClientName, row.Status,
                    comment.IsInternal ? SearchMatchSource.Note : SearchMatchSource.Reply, SearchExcerpt.Around(comment.Body, terms.Words));
            }

            return SearchRanking.Mentions(terms, row.Title)
                ? new TicketSearchHit(row.Number, row.Title, row.ClientName, row.Status, SearchMatchSource.Title, null)
                : new TicketSearchHit(row.Number, row.Title, row.ClientName, row.Status, SearchMatchSource.Description, SearchExcerpt.Around(row.Description, terms.Words));
        })];
    }

    private static async Task<IReadOnlyList<ClientSearchHit>> ClientsAsync(
        KtPortalDbContext db, SearchTerms terms, int limit, CancellationToken cancellationToken)
    {
        var clients = db.Clients.AsNoTracking();
        foreach (var word in terms.Words)
        {
            var pattern = Contains(word);
            clients = clients.Where(c => EF.Functions.Like(c.Name, pattern));
        }

        var first = StartsWith(terms.Words[0]);
        return await clients
            .OrderBy(c => EF.Functions.Like(c.Name, first) ? 0 : 1).ThenBy(c => c.Name)
            .Take(limit)
            .Select(c => new ClientSearchHit(c.Id, c.Name))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Staff find every client's people, admins also the staff; a client's admin finds the client's people.</summary>
    private static async Task<IReadOnlyList<PersonSearchHit>> PeopleAsync(
        KtPortalDbContext db, Actor actor, SearchTerms terms, int limit, CancellationToken cancellationToken)
    {
        if (!actor.IsStaff && !actor.IsClientAdmin)
        {
            return [];
        }

        var users = db.Users.AsNoTracking();
        if (actor.IsClientAdmin)
        {
            var clientId = actor.ClientId ?? -1;
            users = users.Where(u => u.ClientId == clientId);
        }
        else if (!actor.IsAdmin)
        {
            users = users.Where(u => u.ClientId != null);
        }

        foreach (var word in terms.Words)
        {
            var pattern = Contains(word);
            users = users.Where(u => EF.Functions.Like(u.DisplayName, pattern) || EF.Functions.Like(u.Email!, pattern));
        }

        var first = StartsWith(terms.Words[0]);
        return await (
            from u in users
            join c in db.Clients on u.ClientId equals c.Id into clients
            from c in clients.DefaultIfEmpty()
            orderby EF.Functions.Like(u.DisplayName, first) ? 0 : 1, u.IsActive ? 0 : 1, u.DisplayName
            select new PersonSearchHit(u.Id, u.DisplayName, u.Email ?? string.Empty, u.ClientId, c == null ? null : c.Name, u.IsActive))
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Invoices by number, only when the text has a digit in it: "0042" or "INV-2026-0042", never a word.</summary>
    private static async Task<IReadOnlyList<InvoiceSearchHit>> InvoicesAsync(
        KtPortalDbContext db, Actor actor, SearchTerms terms, int limit, CancellationToken cancellationToken)
    {
        if (!terms.Text.Any(char.IsAsciiDigit))
        {
            return [];
        }

        var pattern = "%" + EscapeLike(terms.Text) + "%";
        var invoices = await InvoiceScope.VisibleAsync(db, actor, cancellationToken);
        return await invoices
            .Where(i => i.Number != null && EF.Functions.Like(i.Number, pattern, "\\"))
            .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id)
            .Take(limit)
            .Select(i => new InvoiceSearchHit(i.Id, i.Number!, i.ClientName, i.Status, i.TotalMinor, i.Currency))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Words are letters and digits only (<see cref="SearchTerms"/>), so they need no escaping in a pattern.</summary>
    private static string Contains(string word) => "%" + word + "%";

    private static string StartsWith(string word) => word + "%";

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
