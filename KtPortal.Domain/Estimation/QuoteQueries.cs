using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Estimation;

/// <summary>Quotes, visible to whoever may see the ticket; and the board's flags for work not approved (staff).</summary>
public sealed class QuoteQueries(IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings)
{
    /// <summary>The client admin, or the person who raised the ticket, may answer its quote.</summary>
    public static bool CanRespond(Actor actor, string? requesterId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsClientUser && (actor.IsClientAdmin || actor.UserId == requesterId);
    }

    /// <summary>The ticket's quotes, newest first; null when the actor may not see the ticket.</summary>
    public async Task<TicketQuotes?> GetAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketScope.Visible(db, actor).Where(t => t.Number == number)
            .Select(t => new { t.Id, t.RequesterId }).SingleOrDefaultAsync(cancellationToken);
        if (ticket is null)
        {
            return null;
        }

        var currency = settings.Currency;
        var quotes = await (
            from q in db.TicketQuotes.AsNoTracking()
            where q.TicketId == ticket.Id
            join s in db.Users on q.SentById equals s.Id
            join r in db.Users on q.RespondedById equals r.Id into responders
            from r in responders.DefaultIfEmpty()
            orderby q.SentAtUtc descending, q.Id descending
            select new QuoteView(q.Id, q.Minutes, q.RateMinor, q.AmountMinor, q.Message, q.Status, s.DisplayName, q.SentAtUtc,
                r == null ? null : r.DisplayName, q.RespondedAtUtc, q.ResponseNote, currency)).ToListAsync(cancellationToken);
        return new TicketQuotes(quotes, CanRespond(actor, ticket.RequesterId));
    }

    /// <summary>Pending quotes this client user may answer (their client admin: all of the client's; others: their own requests).</summary>
    public async Task<IReadOnlyList<PendingQuote>> AwaitingAnswerAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClientUser)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tickets = TicketScope.Visible(db, actor);
        if (!actor.IsClientAdmin)
        {
            tickets = tickets.Where(t => t.RequesterId == actor.UserId);
        }

        var rows = await (
            from t in tickets
            join q in db.TicketQuotes on t.Id equals q.TicketId
            where q.Status == QuoteStatus.Pending
            orderby q.SentAtUtc
            select new { t.Number, t.Title, q.Minutes, q.AmountMinor, q.SentAtUtc }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PendingQuote(r.Number, r.Title, QuoteText.Sentence(r.Minutes, r.AmountMinor, settings.Currency), r.SentAtUtc))];
    }

    /// <summary>
    /// Service Requests being worked on (In Progress, or open with time logged) without an approved quote, among
    /// <paramref name="numbers"/>. Staff only; anyone else gets nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, QuoteAlert>> FlagsAsync(Actor actor, IReadOnlyCollection<int> numbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(numbers);
        if (!actor.IsStaff || numbers.Count == 0)
        {
            return new Dictionary<int, QuoteAlert>();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Tickets.AsNoTracking()
            .Where(t => numbers.Contains(t.Number) && t.Type == TicketType.ServiceRequest
                && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed
                && (t.Status == TicketStatus.InProgress || db.TimeEntries.Any(e => e.TicketId == t.Id))
                && !db.TicketQuotes.Any(q => q.TicketId == t.Id && q.Status == QuoteStatus.Approved))
            .Select(t => new
            {
                t.Number,
                Latest = db.TicketQuotes.Where(q => q.TicketId == t.Id && q.Status != QuoteStatus.Withdrawn)
                    .OrderByDescending(q => q.SentAtUtc).ThenByDescending(q => q.Id).Select(q => (QuoteStatus?)q.Status).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Number, r => r.Latest switch
        {
            QuoteStatus.Pending => QuoteAlert.AwaitingApproval,
            QuoteStatus.Declined => QuoteAlert.Declined,
            _ => QuoteAlert.NotQuoted,
        });
    }
}
