using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// The agency's service-level set-up as read for one piece of work: the business calendar and which policy's targets
/// apply to a ticket (its client's policy, else the policy of the plan running on the day it was raised, else the
/// default). Read fresh each time: a few small tables, and every instance sees a change at once.
/// </summary>
public sealed class SlaRules
{
    private readonly IReadOnlyDictionary<int, SlaPolicy> _policies;
    private readonly int? _defaultId;
    private readonly IReadOnlyDictionary<int, int?> _clientPolicies;
    private readonly ILookup<int, (DateOnly Start, DateOnly? End, int PolicyId)> _planPolicies;
    private readonly TimeZoneInfo _zone;

    private SlaRules(BusinessCalendar calendar, IReadOnlyDictionary<int, SlaPolicy> policies, IReadOnlyDictionary<int, int?> clientPolicies,
        ILookup<int, (DateOnly, DateOnly?, int)> planPolicies)
    {
        Calendar = calendar;
        _zone = calendar.Zone;
        _policies = policies;
        _defaultId = policies.Values.FirstOrDefault(p => p.IsDefault)?.Id;
        _clientPolicies = clientPolicies;
        _planPolicies = planPolicies;
    }

    public BusinessCalendar Calendar { get; }

    /// <summary>Reads the set-up for tickets of the given clients (all clients when null).</summary>
    public static async Task<SlaRules> LoadAsync(KtPortalDbContext db, PortalSettings portal, IReadOnlyCollection<int>? clientIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(portal);
        var calendar = await LoadCalendarAsync(db, portal, cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().Include(p => p.Targets).ToDictionaryAsync(p => p.Id, cancellationToken);
        var clients = db.Clients.AsNoTracking().Where(c => c.SlaPolicyId != null);
        var plans = db.Plans.AsNoTracking().Where(p => p.SlaPolicyId != null);
        if (clientIds is not null)
        {
            clients = clients.Where(c => clientIds.Contains(c.Id));
            plans = plans.Where(p => clientIds.Contains(p.ClientId));
        }

        var clientPolicies = await clients.ToDictionaryAsync(c => c.Id, c => c.SlaPolicyId, cancellationToken);
        var planPolicies = (await plans.Select(p => new { p.ClientId, p.StartDate, p.EndDate, PolicyId = p.SlaPolicyId!.Value }).ToListAsync(cancellationToken))
            .ToLookup(p => p.ClientId, p => (p.StartDate, p.EndDate, p.PolicyId));
        return new SlaRules(calendar, policies, clientPolicies, planPolicies);
    }

    public static async Task<BusinessCalendar> LoadCalendarAsync(KtPortalDbContext db, PortalSettings portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(portal);
        var hours = await db.BusinessHours.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new BusinessHoursSettings();
        var days = await db.AgencyHolidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken);
        return BusinessCalendar.From(portal.TimeZone, hours, days);
    }

    /// <summary>The policy that applies to a ticket of this client raised at this instant; null when there is none at all.</summary>
    public SlaPolicy? PolicyFor(int clientId, DateTime createdUtc)
    {
        if (_clientPolicies.TryGetValue(clientId, out var own) && own is { } ownId && _policies.TryGetValue(ownId, out var ownPolicy))
        {
            return ownPolicy;
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(createdUtc, DateTimeKind.Utc), _zone));
        foreach (var (start, end, policyId) in _planPolicies[clientId])
        {
            if (start <= day && (end is null || day < end) && _policies.TryGetValue(policyId, out var planPolicy))
            {
                return planPolicy;
            }
        }

        return _defaultId is { } id ? _policies[id] : null;
    }

    public SlaTargets? TargetsFor(int clientId, DateTime createdUtc, TicketPriority priority) =>
        PolicyFor(clientId, createdUtc)?.Targets.FirstOrDefault(t => t.Priority == priority) is { } target
            ? new SlaTargets(target.Basis, target.ResponseMinutes, target.ResolutionMinutes)
            : null;
}
