using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>A priority's targets as they apply to one ticket.</summary>
public sealed record SlaTargets(SlaBasis Basis, int? ResponseMinutes, int? ResolutionMinutes);

/// <summary>Where a ticket stands against its targets, as stored on the ticket (see <see cref="TicketSlaKeeper"/>).</summary>
public sealed record TicketSlaPlan(SlaStage Stage, DateTime? DueUtc, DateTime? AtRiskUtc, bool Paused, bool? ResponseMet, bool? ResolutionMet)
{
    public static readonly TicketSlaPlan NoTargets = new(SlaStage.None, null, null, false, null, null);
}

/// <summary>
/// Works out a ticket's service level from its dates and pauses: which target runs, when it is due and when it is at
/// risk (75 % used), and whether the response and the resolution met theirs. Pure; the clock does the counting.
/// </summary>
public static class SlaPlanner
{
    /// <summary>The share of a target after which it is at risk, in percent.</summary>
    public const int AtRiskPercent = 75;

    /// <summary>The statuses in which the clock stands still.</summary>
    public static bool Pauses(TicketStatus status) => status is TicketStatus.WaitingOnClient or TicketStatus.Resolved or TicketStatus.Closed;

    public static TicketSlaPlan Plan(
        BusinessCalendar calendar, SlaTargets? targets, DateTime createdUtc, DateTime? firstResponseUtc, DateTime? resolvedUtc, TicketStatus status,
        IReadOnlyCollection<SlaPause> pauses)
    {
        if (targets is null)
        {
            return TicketSlaPlan.NoTargets;
        }

        var done = status is TicketStatus.Resolved or TicketStatus.Closed;
        var responseMet = firstResponseUtc is { } responded && targets.ResponseMinutes is { } response
            ? Met(calendar, targets.Basis, createdUtc, response, pauses, responded) : (bool?)null;
        var resolutionMet = done && resolvedUtc is { } resolved && targets.ResolutionMinutes is { } resolution
            ? Met(calendar, targets.Basis, createdUtc, resolution, pauses, resolved) : (bool?)null;

        var (stage, minutes) = done ? (SlaStage.None, null)
            : firstResponseUtc is null && targets.ResponseMinutes is { } toRespond ? (SlaStage.Response, toRespond)
            : targets.ResolutionMinutes is { } toResolve ? (SlaStage.Resolution, (int?)toResolve)
            : (SlaStage.None, null);
        if (minutes is not { } target)
        {
            return new TicketSlaPlan(SlaStage.None, null, null, false, responseMet, resolutionMet);
        }

        var due = SlaClock.DueUtc(calendar, targets.Basis, createdUtc, target, pauses);
        var atRisk = SlaClock.DueUtc(calendar, targets.Basis, createdUtc, AtRiskMinutes(target), pauses);
        return new TicketSlaPlan(stage, due, atRisk, pauses.Any(p => p.ToUtc is null), responseMet, resolutionMet);
    }

    /// <summary>The state shown at <paramref name="nowUtc"/>: breached once due, paused while waiting, at risk from 75 %.</summary>
    public static SlaState StateAt(SlaStage stage, DateTime? dueUtc, DateTime? atRiskUtc, bool paused, DateTime nowUtc) =>
        stage == SlaStage.None ? SlaState.None
        : dueUtc is { } due && nowUtc >= due ? SlaState.Breached
        : paused ? SlaState.Paused
        : atRiskUtc is { } risk && nowUtc >= risk ? SlaState.AtRisk
        : SlaState.Ok;

    /// <summary>75 % of a target, rounded up to the minute.</summary>
    public static int AtRiskMinutes(int targetMinutes) => ((targetMinutes * AtRiskPercent) + 99) / 100;

    /// <summary>
    /// Whether something done at <paramref name="atUtc"/> met a target: only pauses that began before it count (the pause
    /// the resolution itself opens does not), and a target still short when a wait began was met.
    /// </summary>
    private static bool Met(BusinessCalendar calendar, SlaBasis basis, DateTime createdUtc, int minutes, IReadOnlyCollection<SlaPause> pauses, DateTime atUtc)
    {
        var before = pauses.Where(p => p.FromUtc < atUtc).ToList();
        return SlaClock.DueUtc(calendar, basis, createdUtc, minutes, before) is not { } due || atUtc <= due;
    }
}
