using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports;

/// <summary>
/// Of the tickets raised in a range, per client and priority: how many first responses and resolutions met their target
/// out of those decided. A target is decided when it is met or missed; a ticket still open past its due time counts as
/// missed already, one still inside it is not counted yet.
/// </summary>
public sealed record SlaAttainmentRow(int ClientId, string ClientName, TicketPriority Priority, int ResponsesMet, int Responses, int ResolutionsMet, int Resolutions)
{
    public int? ResponsePercent => Percent(ResponsesMet, Responses);

    public int? ResolutionPercent => Percent(ResolutionsMet, Resolutions);

    /// <summary>Whole percent, rounded down (99.6 % is not 100 %); null with nothing decided.</summary>
    public static int? Percent(int met, int total) => total == 0 ? null : (int)(met * 100L / total);
}

public sealed class SlaAttainmentQueries(IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings, TimeProvider clock)
{
    /// <summary>Rows for the tickets raised from <paramref name="from"/> to <paramref name="to"/> (portal days, inclusive), within the actor's sight.</summary>
    public async Task<IReadOnlyList<SlaAttainmentRow>> GetAsync(Actor actor, DateOnly from, DateOnly to, int? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ReportQueries.Validate(from, to);
        var fromUtc = settings.StartOfDayUtc(from);
        var toUtc = settings.StartOfDayUtc(to.AddDays(1));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tickets = TicketScope.Visible(db, actor).Where(t => t.CreatedAtUtc >= fromUtc && t.CreatedAtUtc < toUtc);
        if (clientId is { } one)
        {
            tickets = tickets.Where(t => t.ClientId == one);
        }

        var rows = await tickets
            .GroupBy(t => new { t.ClientId, t.Priority })
            .Select(g => new
            {
                g.Key.ClientId,
                g.Key.Priority,
                ResponsesMet = g.Count(t => t.SlaResponseMet == true),
                ResponsesMissed = g.Count(t => t.SlaResponseMet == false || (t.SlaStage == SlaStage.Response && t.SlaDueUtc != null && t.SlaDueUtc <= now)),
                ResolutionsMet = g.Count(t => t.SlaResolutionMet == true),
                ResolutionsMissed = g.Count(t => t.SlaResolutionMet == false || (t.SlaStage == SlaStage.Resolution && t.SlaDueUtc != null && t.SlaDueUtc <= now)),
            })
            .Where(r => r.ResponsesMet + r.ResponsesMissed + r.ResolutionsMet + r.ResolutionsMissed > 0)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.ClientId).Distinct().ToList();
        var names = await db.Clients.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return [.. rows
            .Select(r => new SlaAttainmentRow(r.ClientId, names[r.ClientId], r.Priority, r.ResponsesMet, r.ResponsesMet + r.ResponsesMissed,
                r.ResolutionsMet, r.ResolutionsMet + r.ResolutionsMissed))
            .OrderBy(r => r.ClientName, StringComparer.OrdinalIgnoreCase).ThenByDescending(r => r.Priority)];
    }
}
