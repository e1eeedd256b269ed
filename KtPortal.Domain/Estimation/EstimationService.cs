using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Estimation;

/// <summary>
/// The estimate workflow: a ticket gets a proposal (internal), staff accept or adjust it (both kept), and for a
/// Service Request send the settled figure to the client as a quote, which the client approves or declines.
/// </summary>
public sealed partial class EstimationService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    ITicketEstimator estimator,
    LocalTicketEstimator localEstimator,
    TimeProvider clock,
    PortalSettings settings,
    IChangeNotifier notifier,
    AgencyProfile agency,
    IOptions<EmailOptions> emailOptions,
    ILogger<EstimationService> logger)
{
    private readonly TicketNotifications _notifications = new(agency, new Email.ReplyAddresses(emailOptions));

    /// <summary>Estimates the ticket if it has no estimate yet (staff, or the portal's own sweep). True when one was made.</summary>
    public async Task<bool> EnsureEstimateAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "estimate tickets");
        int ticketId;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            ticketId = await db.Tickets.Where(t => t.Number == number).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The ticket");
            if (await db.TicketEstimates.AnyAsync(e => e.TicketId == ticketId, cancellationToken))
            {
                return false;
            }
        }

        return await EstimateAndStoreAsync(ticketId, replace: false, history: null, cancellationToken);
    }

    /// <summary>The sweep: open tickets without an estimate, oldest first, a batch at a time. Returns how many were estimated.</summary>
    public async Task<int> EstimatePendingAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        List<int> pending;
        IReadOnlyList<ResolvedTicket> history = [];
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            pending = await db.Tickets
                .Where(t => t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed && !db.TicketEstimates.Any(e => e.TicketId == t.Id))
                .OrderBy(t => t.Id).Select(t => t.Id).Take(batchSize).ToListAsync(cancellationToken);

            // Read once for the batch: open tickets are never part of the resolved history, so one copy serves them all.
            if (pending.Count > 0)
            {
                history = await ResolvedHistory.LoadAsync(db, excludeTicketId: null, cancellationToken);
            }
        }

        var made = 0;
        foreach (var ticketId in pending)
        {
            if (await EstimateAndStoreAsync(ticketId, replace: false, history, cancellationToken))
            {
                made++;
            }
        }

        return made;
    }

    /// <summary>Asks again (the ticket's text or type changed). Only while nobody has settled the estimate: that keeps the proposal they settled on.</summary>
    public async Task ReestimateAsync(Actor actor, int number, Guid stamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "estimate tickets");
        int ticketId;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var estimate = await EstimateOfAsync(db, number, cancellationToken);
            if (estimate.ConcurrencyStamp != stamp)
            {
                throw new ConcurrencyConflictException(ConcurrencyGuard.ConflictMessage("estimate"));
            }

            if (estimate.AdjustedMinutes is not null)
            {
                throw new DomainException("This estimate is already settled; adjust it instead of estimating again.");
            }

            ticketId = estimate.TicketId;
        }

        await EstimateAndStoreAsync(ticketId, replace: true, history: null, cancellationToken);
    }

    /// <summary>Accepts the proposal (<paramref name="minutes"/> null) or settles on another figure, with an optional reason.</summary>
    public async Task SettleAsync(Actor actor, int number, int? minutes, string? note, Guid stamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "adjust estimates");
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var validation = new Validation();
        if (minutes is int m)
        {
            validation.Range("Minutes", m, 15, TicketEstimate.MaxMinutes, $"The estimate must be between 0.25 and {Hours.Format(TicketEstimate.MaxMinutes)} hours.");
            validation.Check(m % 15 == 0, "Minutes", "Give the estimate in quarter hours (for example 2.5 or 2.75).");
        }

        validation.Check(note is null || note.Length <= TicketEstimate.NoteMaxLength, "Note", $"The reason must be at most {TicketEstimate.NoteMaxLength} characters.");
        validation.ThrowIfInvalid();

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var estimate = await EstimateOfAsync(db, number, cancellationToken);
        if (estimate.ConcurrencyStamp != stamp)
        {
            throw new ConcurrencyConflictException(ConcurrencyGuard.ConflictMessage("estimate"));
        }

        var ticket = await db.Tickets.SingleAsync(t => t.Id == estimate.TicketId, cancellationToken);
        var now = Now;
        estimate.AdjustedMinutes = minutes ?? estimate.ProposedMinutes;
        estimate.AdjustedById = actor.UserId;
        estimate.AdjustedAtUtc = now;
        estimate.AdjustmentNote = note;
        estimate.ConcurrencyStamp = Guid.NewGuid();
        var detail = minutes is null || minutes == estimate.ProposedMinutes
            ? $"Estimate accepted: {Hours.Format(estimate.AdjustedMinutes.Value)} h"
            : $"Estimate adjusted from {Hours.Format(estimate.ProposedMinutes)} h to {Hours.Format(estimate.AdjustedMinutes.Value)} h";
        db.TicketActivities.Add(new TicketActivity
        {
            TicketId = ticket.Id, ActorId = actor.UserId, Kind = TicketActivityKind.EstimateSettled, Detail = detail, IsInternal = true, CreatedAtUtc = now,
        });
        await SaveAsync(db, cancellationToken);
        await PublishAsync(ticket);
    }

    /// <summary>Sends the settled estimate of a Service Request to the client as a quote; a pending older quote is withdrawn.</summary>
    public async Task<int> SendQuoteAsync(Actor actor, int number, string? message, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "send quotes");
        message = message?.Trim() ?? string.Empty;
        if (message.Length > TicketQuote.MessageMaxLength)
        {
            throw new ValidationFailedException("Message", $"The note must be at most {TicketQuote.MessageMaxLength} characters.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var estimate = await EstimateOfAsync(db, number, cancellationToken);
        var ticket = await db.Tickets.SingleAsync(t => t.Id == estimate.TicketId, cancellationToken);
        if (ticket.Type != TicketType.ServiceRequest)
        {
            throw new DomainException("Only Service Requests are quoted; troubleshooting is billed as it is worked.");
        }

        if (ticket.Status is TicketStatus.Resolved or TicketStatus.Closed)
        {
            throw new DomainException("This ticket is resolved; there is nothing left to quote.");
        }

        if (estimate.AdjustedMinutes is not int minutes)
        {
            throw new DomainException("Accept or adjust the estimate first; the quote is the figure you settled on.");
        }

        var now = Now;

        // One transaction: the quote, its history line and the messages about it commit together (the messages are
        // keyed by the quote's id, so the quote is saved first inside it).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var period = await BillingPeriodLedger.EnsureContainingAsync(db, ticket.ClientId, settings.Today(clock), now, cancellationToken)
            ?? throw new DomainException("The client has no billing terms for today.");
        foreach (var pending in await db.TicketQuotes.Where(q => q.TicketId == ticket.Id && q.Status == QuoteStatus.Pending).ToListAsync(cancellationToken))
        {
            pending.Status = QuoteStatus.Withdrawn;
            pending.ConcurrencyStamp = Guid.NewGuid();
        }

        var quote = new TicketQuote
        {
            TicketId = ticket.Id,
            Minutes = minutes,
            RateMinor = period.DevelopmentRateMinor,
            AmountMinor = BillingMath.Amount(minutes, period.DevelopmentRateMinor),
            Message = message,
            Status = QuoteStatus.Pending,
            SentById = actor.UserId,
            SentAtUtc = now,
        };
        db.TicketQuotes.Add(quote);
        var sentence = QuoteText.Sentence(quote.Minutes, quote.AmountMinor, settings.Currency);
        db.TicketActivities.Add(new TicketActivity
        {
            TicketId = ticket.Id, ActorId = actor.UserId, Kind = TicketActivityKind.QuoteSent, Detail = $"Quote sent: {sentence}", CreatedAtUtc = now,
        });
        await SaveAsync(db, cancellationToken);
        var notices = await _notifications.QuoteSentAsync(db, actor, ticket, quote.Id, sentence, message, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(ticket);
        await notifier.PublishAllAsync(notices);
        return quote.Id;
    }

    /// <summary>The client approves or declines a pending quote: their client admin, or the person who raised the ticket.</summary>
    public async Task RespondToQuoteAsync(Actor actor, int number, int quoteId, bool approve, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > TicketQuote.ResponseNoteMaxLength })
        {
            throw new ValidationFailedException("Note", $"The note must be at most {TicketQuote.ResponseNoteMaxLength} characters.");
        }

        if (!actor.IsClientUser)
        {
            throw new ForbiddenException("Only the client approves or declines a quote.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketScope.Visible(db, actor, tracking: true).SingleOrDefaultAsync(t => t.Number == number, cancellationToken)
            ?? throw new NotFoundException("The ticket");
        var quote = await db.TicketQuotes.SingleOrDefaultAsync(q => q.Id == quoteId && q.TicketId == ticket.Id, cancellationToken)
            ?? throw new NotFoundException("The quote");
        if (!QuoteQueries.CanRespond(actor, ticket.RequesterId))
        {
            throw new ForbiddenException("Only your organisation's admin or the person who raised this request can answer the quote.");
        }

        if (quote.Status != QuoteStatus.Pending)
        {
            throw new DomainException(quote.Status == QuoteStatus.Withdrawn
                ? "This quote was replaced by a newer one; reload to see it."
                : $"This quote was already {quote.Status.ToString().ToLowerInvariant()}.");
        }

        var now = Now;
        quote.Status = approve ? QuoteStatus.Approved : QuoteStatus.Declined;
        quote.RespondedById = actor.UserId;
        quote.RespondedAtUtc = now;
        quote.ResponseNote = note;
        quote.ConcurrencyStamp = Guid.NewGuid();
        db.TicketActivities.Add(new TicketActivity
        {
            TicketId = ticket.Id, ActorId = actor.UserId, Kind = TicketActivityKind.QuoteAnswered,
            Detail = $"Quote {(approve ? "approved" : "declined")}{(note is null ? string.Empty : ": " + Shorten(note))}", CreatedAtUtc = now,
        });
        var notices = await _notifications.QuoteAnsweredAsync(db, actor, ticket, quote.Id, approve, note, now, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await PublishAsync(ticket);
        await notifier.PublishAllAsync(notices);
    }

    /// <summary>Estimates one ticket from <paramref name="history"/> (read here when null, without the ticket itself) and stores it.</summary>
    private async Task<bool> EstimateAndStoreAsync(int ticketId, bool replace, IReadOnlyList<ResolvedTicket>? history, CancellationToken cancellationToken)
    {
        EstimateSubject subject;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            subject = await (
                from t in db.Tickets.AsNoTracking()
                join s in db.SupportTypes on t.SupportTypeId equals s.Id
                where t.Id == ticketId
                select new EstimateSubject(t.ClientId, t.Type, t.SupportTypeId, s.Name, t.Title,
                    t.Description.Length > TextTokenizer.MaxCharacters ? t.Description.Substring(0, TextTokenizer.MaxCharacters) : t.Description))
                .SingleAsync(cancellationToken);
            history ??= await ResolvedHistory.LoadAsync(db, ticketId, cancellationToken);
        }

        // Outside any transaction: an AI estimator may take seconds.
        var local = localEstimator.Estimate(subject, history);
        var proposal = estimator is LocalTicketEstimator ? local : await estimator.EstimateAsync(subject, history, cancellationToken);

        await using var save = await contextFactory.CreateDbContextAsync(cancellationToken);
        var estimate = replace
            ? await save.TicketEstimates.Include(e => e.Similar).SingleAsync(e => e.TicketId == ticketId, cancellationToken)
            : new TicketEstimate { TicketId = ticketId };
        if (replace && estimate.AdjustedMinutes is not null)
        {
            return false;
        }

        Apply(estimate, proposal, local.Minutes, Now);
        if (!replace)
        {
            save.TicketEstimates.Add(estimate);
        }

        try
        {
            await save.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Another request estimated the same ticket a moment ago (unique ticket id): theirs stands.
            LogLostRace(logger, ticketId, exception.GetBaseException().Message);
            return false;
        }

        var ticket = await save.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticketId, cancellationToken);
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Estimate, TicketNumber.Format(ticket.Number), ticket.ClientId));
        return true;
    }

    internal static void Apply(TicketEstimate estimate, EstimateProposal proposal, int localMinutes, DateTime nowUtc)
    {
        estimate.Estimator = TextLimits.Shorten(proposal.EstimatorName, TicketEstimate.EstimatorMaxLength);
        estimate.ProposedMinutes = proposal.Minutes;
        estimate.LowMinutes = proposal.LowMinutes;
        estimate.HighMinutes = proposal.HighMinutes;
        estimate.Confidence = proposal.Confidence;
        estimate.BasisKind = proposal.BasisKind;
        estimate.Explanation = TextLimits.Shorten(proposal.Explanation, TicketEstimate.ExplanationMaxLength);
        estimate.LocalMinutes = localMinutes;
        estimate.FallbackReason = proposal.FallbackReason is null ? null : TextLimits.Shorten(proposal.FallbackReason, 500);
        estimate.CreatedAtUtc = nowUtc;
        estimate.ConcurrencyStamp = Guid.NewGuid();
        estimate.Similar.Clear();
        estimate.Similar.AddRange(proposal.Basis.Select((s, i) => new TicketEstimateSimilar
        {
            Rank = i + 1,
            TicketNumber = s.Number,
            SameClient = s.SameClient,
            ChargedMinutes = s.ChargedMinutes,
            SimilarityPercent = (int)Math.Round(s.Similarity * 100, MidpointRounding.AwayFromZero),
        }));
    }

    private static async Task<TicketEstimate> EstimateOfAsync(KtPortalDbContext db, int number, CancellationToken cancellationToken) =>
        await db.TicketEstimates.Where(e => db.Tickets.Any(t => t.Id == e.TicketId && t.Number == number)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("The estimate");

    private static Task SaveAsync(KtPortalDbContext db, CancellationToken cancellationToken) => ConcurrencyGuard.SaveAsync(db, "estimate", cancellationToken);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..199] + "…";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task PublishAsync(Ticket ticket) =>
        notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, TicketNumber.Format(ticket.Number), ticket.ClientId));


    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketId} was estimated by someone else first: {Reason}")]
    private static partial void LogLostRace(ILogger logger, int ticketId, string reason);
}
