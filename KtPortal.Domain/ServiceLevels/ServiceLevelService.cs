using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// Admins set the service levels: business hours and holidays, the policies and their targets, the default, and which
/// clients and plans use another policy. Every change is audited and moves the due times of open tickets at once.
/// </summary>
public sealed class ServiceLevelService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    AgencySettingsStore settingsStore,
    AuditTrail audit,
    IChangeNotifier notifier,
    TimeProvider clock)
{
    /// <summary>The longest target the form takes: a year of hours. Anything longer is a typing slip.</summary>
    public const int MaxTargetHours = 8760;

    public async Task<ServiceLevelsView> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var hours = await db.BusinessHours.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new BusinessHoursSettings();
        var days = await db.AgencyHolidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync(cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().Include(p => p.Targets).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name)
            .Select(p => new SlaPolicyView(p.Id, p.Name, p.IsDefault, p.Targets.OrderByDescending(t => t.Priority).ToList(),
                db.Clients.Count(c => c.SlaPolicyId == p.Id), db.Plans.Count(pl => pl.SlaPolicyId == p.Id), p.ConcurrencyStamp))
            .ToListAsync(cancellationToken);
        var clients = await db.Clients.AsNoTracking().OrderBy(c => c.Name).Select(c => new SlaOverrideRow(c.Id, c.Name, c.SlaPolicyId)).ToListAsync(cancellationToken);
        var today = settingsStore.Portal.Today(clock);
        var plans = await (
            from p in db.Plans.AsNoTracking()
            where p.EndDate == null || p.EndDate > today
            join c in db.Clients on p.ClientId equals c.Id
            orderby c.Name, p.StartDate
            select new SlaOverrideRow(p.Id, c.Name + " · " + p.Name, p.SlaPolicyId)).ToListAsync(cancellationToken);
        return new ServiceLevelsView(hours, days, NationalHolidays(hours.HolidayCountry, today), policies, clients, plans);
    }

    /// <summary>The country's holidays in the coming twelve months, for the page to show what the calendar skips.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> NationalHolidays(string? country, DateOnly from)
    {
        if (HolidayCountries.For(country) is not { } holidays)
        {
            return [];
        }

        return [.. holidays.GetHolidaysInDateRange(from.ToDateTime(TimeOnly.MinValue), from.AddYears(1).ToDateTime(TimeOnly.MinValue))
            .Select(h => (DateOnly.FromDateTime(h.HolidayDate), h.GetName(System.Globalization.CultureInfo.GetCultureInfo("en-US"))))
            .OrderBy(h => h.Item1)];
    }

    public async Task<Guid> SaveHoursAsync(Actor actor, BusinessHoursInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        ArgumentNullException.ThrowIfNull(input);
        var validation = new Validation();
        validation.Check(input.OpenDays.Count > 0, nameof(input.OpenDays), "Choose at least one open day.");
        validation.Check(input.Opens is not null, nameof(input.Opens), "Opening time is required.");
        validation.Check(input.Closes is not null, nameof(input.Closes), "Closing time is required.");
        validation.Check(input.Opens is null || input.Closes is null || input.Closes > input.Opens, nameof(input.Closes), "Closing time must be after opening time.");
        var country = input.HolidayCountry?.Trim() ?? string.Empty;
        validation.Check(country.Length == 0 || HolidayCountries.IsKnown(country), nameof(input.HolidayCountry), "Choose a country from the list, or none.");
        validation.ThrowIfInvalid();

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var hours = await db.BusinessHours.SingleOrDefaultAsync(cancellationToken);
        if (hours is null)
        {
            hours = new BusinessHoursSettings();
            db.BusinessHours.Add(hours);
        }
        else
        {
            db.Entry(hours).Property(h => h.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        }

        var before = Describe(hours);
        hours.OpenDays = string.Join(',', input.OpenDays.Distinct().Order());
        hours.Opens = input.Opens!.Value;
        hours.Closes = input.Closes!.Value;
        hours.HolidayCountry = country;
        hours.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        hours.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(db, actor, AuditKinds.ServiceLevelsChanged, "Business hours", null, before, Describe(hours));
        await ConcurrencyGuard.SaveAsync(db, "business hours", cancellationToken);
        await RecomputeAsync(db, cancellationToken);
        return hours.ConcurrencyStamp;
    }

    public async Task AddAgencyDayAsync(Actor actor, DateOnly? date, string? name, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        var validation = new Validation();
        validation.Check(date is not null, nameof(AgencyHoliday.Date), "Date is required.");
        validation.Required(nameof(AgencyHoliday.Name), name, "Name", AgencyHoliday.NameMaxLength);
        validation.ThrowIfInvalid();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AgencyHolidays.AnyAsync(h => h.Date == date!.Value, cancellationToken))
        {
            throw new ValidationFailedException(nameof(AgencyHoliday.Date), "That day is already a day off.");
        }

        db.AgencyHolidays.Add(new AgencyHoliday { Date = date!.Value, Name = name!.Trim() });
        audit.Add(db, actor, AuditKinds.ServiceLevelsChanged, "Agency day off", null, null, $"{date.Value:yyyy-MM-dd} {name.Trim()}");
        await db.SaveChangesAsync(cancellationToken);
        await RecomputeAsync(db, cancellationToken);
    }

    public async Task RemoveAgencyDayAsync(Actor actor, DateOnly date, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var day = await db.AgencyHolidays.SingleOrDefaultAsync(h => h.Date == date, cancellationToken) ?? throw new NotFoundException("That day off");
        db.AgencyHolidays.Remove(day);
        audit.Add(db, actor, AuditKinds.ServiceLevelsChanged, "Agency day off", null, $"{date:yyyy-MM-dd} {day.Name}", null);
        await db.SaveChangesAsync(cancellationToken);
        await RecomputeAsync(db, cancellationToken);
    }

    /// <summary>Creates a policy (<paramref name="id"/> null) or changes one; returns its id.</summary>
    public async Task<int> SavePolicyAsync(Actor actor, int? id, SlaPolicyInput input, Guid? concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        ArgumentNullException.ThrowIfNull(input);
        var targets = Validate(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var name = input.Name.Trim();
        if (await db.SlaPolicies.AnyAsync(p => p.Name == name && p.Id != (id ?? 0), cancellationToken))
        {
            throw new ValidationFailedException(nameof(input.Name), "Another policy has that name.");
        }

        SlaPolicy policy;
        string? before = null;
        if (id is { } existing)
        {
            policy = await db.SlaPolicies.Include(p => p.Targets).SingleOrDefaultAsync(p => p.Id == existing, cancellationToken)
                ?? throw new NotFoundException("That policy");
            db.Entry(policy).Property(p => p.ConcurrencyStamp).OriginalValue = concurrencyStamp ?? policy.ConcurrencyStamp;
            before = Describe(policy);
        }
        else
        {
            policy = new SlaPolicy { IsDefault = !await db.SlaPolicies.AnyAsync(cancellationToken) };
            db.SlaPolicies.Add(policy);
        }

        policy.Name = name;
        policy.Targets.Clear();
        policy.Targets.AddRange(targets);
        policy.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        policy.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(db, actor, AuditKinds.ServiceLevelsChanged, $"Policy {name}", null, before, Describe(policy));
        await ConcurrencyGuard.SaveAsync(db, "policy", cancellationToken);
        await RecomputeAsync(db, cancellationToken);
        return policy.Id;
    }

    public async Task SetDefaultAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.SlaPolicies.ToListAsync(cancellationToken);
        var chosen = policies.SingleOrDefault(p => p.Id == id) ?? throw new NotFoundException("That policy");
        var was = policies.FirstOrDefault(p => p.IsDefault)?.Name;
        foreach (var policy in policies)
        {
            policy.IsDefault = policy.Id == id;
        }

        audit.Add(db, actor, AuditKinds.ServiceLevelsChanged, "Default policy", null, was, chosen.Name);
        await db.SaveChangesAsync(cancellationToken);
        await RecomputeAsync(db, cancellationToken);
    }

    /// <summary>Removes a policy other than the default; the clients and plans that named it go back to the default.</summary>
    public async Task DeletePolicyAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.SlaPolicies.Include(p => p.Targets).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("That policy");
        if (policy.IsDefault)
        {
            throw new DomainException("The default policy cannot be removed: make another policy the default first.");
        }

        await db.Clients.Where(c => c.SlaPolicyId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.SlaPolicyId, (int?)null), cancellationToken);
        await db.Plans.Where(p => p.SlaPolicyId == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.SlaPolicyId, (int?)null), cancellationToken);
        db.SlaPolicies.Remove(policy);
        audit.Add(db, actor, AuditKinds.ServiceLevelsChanged, $"Policy {policy.Name}", null, Describe(policy), null);
        await db.SaveChangesAsync(cancellationToken);
        await RecomputeAsync(db, cancellationToken);
    }

    /// <summary>Sets (or with null clears) the policy of a client.</summary>
    public async Task SetClientPolicyAsync(Actor actor, int clientId, int? policyId, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) ?? throw new NotFoundException("That client");
        var names = await PolicyNamesAsync(db, client.SlaPolicyId, policyId, cancellationToken);
        client.SlaPolicyId = policyId;
        audit.Add(db, actor, AuditKinds.ServiceLevelsChanged, $"Service level of {client.Name}", client.Id, names.Before, names.After);
        await db.SaveChangesAsync(cancellationToken);
        await RecomputeAsync(db, cancellationToken);
    }

    /// <summary>Sets (or with null clears) the policy of a plan: tickets raised while it runs use it unless their client names one.</summary>
    public async Task SetPlanPolicyAsync(Actor actor, int planId, int? policyId, CancellationToken cancellationToken = default)
    {
        Actor.RequireAdmin(actor, "The service levels");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) ?? throw new NotFoundException("That plan");
        var names = await PolicyNamesAsync(db, plan.SlaPolicyId, policyId, cancellationToken);
        plan.SlaPolicyId = policyId;
        audit.Add(db, actor, AuditKinds.ServiceLevelsChanged, $"Service level of plan {plan.Name}", plan.ClientId, names.Before, names.After);
        await db.SaveChangesAsync(cancellationToken);
        await RecomputeAsync(db, cancellationToken);
    }

    private static async Task<(string Before, string After)> PolicyNamesAsync(KtPortalDbContext db, int? before, int? after, CancellationToken cancellationToken)
    {
        var names = await db.SlaPolicies.ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        if (after is { } chosen && !names.ContainsKey(chosen))
        {
            throw new ValidationFailedException("PolicyId", "That policy no longer exists.");
        }

        return (before is { } b && names.TryGetValue(b, out var was) ? was : "Default", after is { } a ? names[a] : "Default");
    }

    private static List<SlaTarget> Validate(SlaPolicyInput input)
    {
        var validation = new Validation();
        validation.Required(nameof(input.Name), input.Name, "Name", SlaPolicy.NameMaxLength);
        var targets = new List<SlaTarget>();
        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            var typed = input.Targets.FirstOrDefault(t => t.Priority == priority);
            var response = Minutes(validation, $"{priority}.Response", typed?.ResponseMinutes);
            var resolution = Minutes(validation, $"{priority}.Resolution", typed?.ResolutionMinutes);
            validation.Check(response is null || resolution is null || resolution >= response, $"{priority}.Resolution",
                "Resolution cannot be due before the first response.");
            targets.Add(new SlaTarget { Priority = priority, Basis = typed?.Basis ?? SlaBasis.Business, ResponseMinutes = response, ResolutionMinutes = resolution });
        }

        validation.ThrowIfInvalid();
        return targets;
    }

    private static int? Minutes(Validation validation, string field, int? minutes)
    {
        if (minutes is { } value && (value <= 0 || value > MaxTargetHours * 60))
        {
            validation.Add(field, $"A target is more than 0 and at most {MaxTargetHours} hours; leave it empty for no target.");
            return null;
        }

        return minutes;
    }

    private async Task RecomputeAsync(KtPortalDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await SlaRebuild.RecomputeOpenAsync(db, settingsStore.Portal, cancellationToken);
        // Open boards and ticket pages redraw their due times.
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.ServiceLevels, string.Empty, null));
    }

    private static string Describe(BusinessHoursSettings hours) =>
        $"{hours.OpenDays} {hours.Opens:HH\\:mm}–{hours.Closes:HH\\:mm}, holidays: {HolidayCountries.NameOf(hours.HolidayCountry)}";

    private static string Describe(SlaPolicy policy) =>
        $"{policy.Name}: " + string.Join("; ", policy.Targets.OrderByDescending(t => t.Priority)
            .Select(t => $"{t.Priority} {Text(t.ResponseMinutes)}/{Text(t.ResolutionMinutes)} {t.Basis}"));

    private static string Text(int? minutes) => minutes is { } m ? Hours.Format(m) + " h" : "none";
}
