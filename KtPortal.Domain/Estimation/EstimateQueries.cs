using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Estimation;

/// <summary>Internal estimates and their accuracy. Staff only: a client user gets nothing, whatever they ask for.</summary>
public sealed class EstimateQueries(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    /// <summary>The ticket's estimate; null when there is none yet or the actor is not staff.</summary>
    public async Task<EstimateView?> GetAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsStaff)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await (
            from e in db.TicketEstimates.AsNoTracking()
            join t in db.Tickets on e.TicketId equals t.Id
            where t.Number == number
            join u in db.Users on e.AdjustedById equals u.Id into adjusters
            from u in adjusters.DefaultIfEmpty()
            select new { Estimate = e, t.Number, t.Type, AdjustedBy = u == null ? null : u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var similar = await (
            from s in db.Set<TicketEstimateSimilar>().AsNoTracking()
            where s.TicketEstimateId == row.Estimate.Id
            join t in db.Tickets on s.TicketNumber equals t.Number into tickets
            from t in tickets.DefaultIfEmpty()
            join c in db.Clients on t.ClientId equals c.Id into clients
            from c in clients.DefaultIfEmpty()
            orderby s.Rank
            select new SimilarTicketView(s.TicketNumber, t == null ? "(deleted)" : t.Title, c == null ? string.Empty : c.Name, s.SameClient,
                s.ChargedMinutes, s.SimilarityPercent)).ToListAsync(cancellationToken);
        var found = row.Estimate;
        return new EstimateView(row.Number, row.Type, found.Estimator, found.ProposedMinutes, found.LowMinutes, found.HighMinutes, found.Confidence,
            found.BasisKind, found.Explanation, found.LocalMinutes, found.FallbackReason, similar, found.CreatedAtUtc, found.AdjustedMinutes,
            row.AdjustedBy, found.AdjustedAtUtc, found.AdjustmentNote, found.ConcurrencyStamp);
    }

    /// <summary>
    /// Estimates against charged hours for every resolved or closed ticket that has an estimate and billable time:
    /// the local estimator's figure and, where staff settled one, the adjusted figure. Staff only.
    /// </summary>
    public async Task<AccuracyReport> GetAccuracyAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsStaff)
        {
            throw new ForbiddenException("Only staff can see estimate accuracy.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from e in db.TicketEstimates.AsNoTracking()
            join t in db.Tickets on e.TicketId equals t.Id
            join s in db.SupportTypes on t.SupportTypeId equals s.Id
            where t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed
            let logged = db.TimeEntries.Where(x => x.TicketId == t.Id && x.Billable).Sum(x => (int?)x.Minutes) ?? 0
            where logged > 0
            select new { t.Type, SupportType = s.Name, Logged = logged, e.LocalMinutes, e.AdjustedMinutes }).ToListAsync(cancellationToken);
        var outcomes = rows.Select(r => new EstimateOutcome(r.Type, r.SupportType, ResolvedHistory.Charged(r.Logged), r.LocalMinutes, r.AdjustedMinutes)).ToList();
        return new AccuracyReport(EstimateAccuracy.Summarize(outcomes), outcomes.Count, outcomes.Count(o => o.AdjustedMinutes is not null));
    }
}
