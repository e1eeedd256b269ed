using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.InboundMail;

public sealed record InboundListItem(
    long Id, InboundOutcome Outcome, string Reason, string FromAddress, string FromName, string Subject, string Preview,
    DateTime ReceivedAtUtc, int? TicketNumber, long SizeBytes, SenderVerification SenderVerification);

public sealed record InboundPage(IReadOnlyList<InboundListItem> Items, int Total, int TriageCount);

/// <summary>Inbound mail for staff: the triage list, the log of everything received, and the raw message.</summary>
public sealed class InboundMailQueries(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    public const int PageSize = 50;
    private const int PreviewLength = 300;

    public async Task<InboundPage> ListAsync(Actor actor, InboundOutcome? outcome, int page, CancellationToken cancellationToken = default)
    {
        RequireStaff(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.InboundEmails.AsNoTracking();
        if (outcome is { } wanted)
        {
            query = query.Where(e => e.Outcome == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var triage = await db.InboundEmails.CountAsync(e => e.Outcome == InboundOutcome.Triage, cancellationToken);
        var items = await query
            .OrderByDescending(e => e.ReceivedAtUtc).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, page) * PageSize).Take(PageSize)
            .Select(e => new InboundListItem(e.Id, e.Outcome, e.Reason, e.FromAddress, e.FromName, e.Subject,
                e.Body.Length > PreviewLength ? e.Body.Substring(0, PreviewLength) : e.Body,
                e.ReceivedAtUtc, db.Tickets.Where(t => t.Id == e.TicketId).Select(t => (int?)t.Number).FirstOrDefault(), e.SizeBytes,
                e.SenderVerification))
            .ToListAsync(cancellationToken);
        return new InboundPage(items, total, triage);
    }

    /// <summary>The message as received, for download as .eml (staff only).</summary>
    public async Task<byte[]> RawAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        RequireStaff(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.InboundEmails.Where(e => e.Id == id).Select(e => e.RawMime).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The message");
    }

    private static void RequireStaff(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsStaff)
        {
            throw new NotFoundException("The message");
        }
    }
}
