using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing.Plans;

/// <summary>The plan templates: staff read them in the plan dialog; admins add, change and remove them, audited.</summary>
public sealed class PlanTemplateService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    AuditTrail audit,
    IChangeNotifier notifier,
    TimeProvider clock,
    PortalSettings settings)
{
    public async Task<IReadOnlyList<PlanTemplateView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see plan templates");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var templates = await db.PlanTemplates.AsNoTracking().ToListAsync(cancellationToken);
        return [.. templates.OrderBy(t => t.IncludedMinutes).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(ToView)];
    }

    public async Task<int> CreateAsync(Actor actor, PlanTemplateInput input, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, input, null, cancellationToken);
        var template = new PlanTemplate();
        Apply(template, input);
        db.PlanTemplates.Add(template);
        audit.Add(db, actor, AuditKinds.PlanTemplateCreated, template.Name, after: Terms(template));
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync();
        return template.Id;
    }

    public async Task<Guid> UpdateAsync(Actor actor, int id, PlanTemplateInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.PlanTemplates.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("The plan template");
        await ValidateAsync(db, input, id, cancellationToken);
        var before = Terms(template);
        db.Entry(template).Property(t => t.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        Apply(template, input);
        var after = Terms(template);
        if (before == after)
        {
            return concurrencyStamp;
        }

        audit.Add(db, actor, AuditKinds.PlanTemplateChanged, template.Name, null, before, after);
        await ConcurrencyGuard.SaveAsync(db, "plan template", cancellationToken);
        await PublishAsync();
        return template.ConcurrencyStamp;
    }

    /// <summary>Removes a template. Plans made from it are their own records and stay as they are.</summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.PlanTemplates.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("The plan template");
        db.PlanTemplates.Remove(template);
        audit.Add(db, actor, AuditKinds.PlanTemplateRemoved, template.Name, before: Terms(template));
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync();
    }

    private static async Task ValidateAsync(KtPortalDbContext db, PlanTemplateInput input, int? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = input.Name?.Trim() ?? string.Empty;
        var validation = new Validation()
            .Required(nameof(input.Name), input.Name, "Template name", PlanRules.NameMaxLength)
            .Range(nameof(input.IncludedMinutes), input.IncludedMinutes, 0, PlanRules.MaxIncludedMinutes, "Monthly hours must be between 0 and 744.")
            .Range(nameof(input.MonthlyFeeMinor), input.MonthlyFeeMinor, 0, PlanRules.MaxAmountMinor, "The monthly fee must be between 0 and 100,000.00.")
            .Range(nameof(input.DevelopmentRateMinor), input.DevelopmentRateMinor ?? 0, 0, PlanRules.MaxAmountMinor, "The development rate must be between 0 and 100,000.00, or empty.")
            .Range(nameof(input.SupportRateMinor), input.SupportRateMinor ?? 0, 0, PlanRules.MaxAmountMinor, "The support rate must be between 0 and 100,000.00, or empty.");
        if (name.Length > 0)
        {
            // A handful of rows: compared here, case-insensitively, the same on SQLite and SQL Server.
            var names = await db.PlanTemplates.Where(t => t.Id != id).Select(t => t.Name).ToListAsync(cancellationToken);
            var taken = names.Contains(name, StringComparer.OrdinalIgnoreCase);
            validation.Check(!taken, nameof(input.Name), "A template with this name exists already.");
        }

        var ids = input.CoveredSupportTypeIds?.Distinct().ToList() ?? [];
        var known = await db.SupportTypes.CountAsync(s => ids.Contains(s.Id), cancellationToken);
        validation.Check(known == ids.Count, nameof(input.CoveredSupportTypeIds), "Choose covered support types from the list.");
        validation.ThrowIfInvalid();
    }

    private void Apply(PlanTemplate template, PlanTemplateInput input)
    {
        template.Name = input.Name.Trim();
        template.IncludedMinutes = input.IncludedMinutes;
        template.MonthlyFeeMinor = input.MonthlyFeeMinor;
        template.CoveredSupportTypeIds = [.. input.CoveredSupportTypeIds.Distinct().Order()];
        template.DevelopmentRateMinor = input.DevelopmentRateMinor;
        template.SupportRateMinor = input.SupportRateMinor;
        template.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        template.ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>A template's terms as the audit trail shows them.</summary>
    private string Terms(PlanTemplate template) =>
        $"{template.Name}: {Hours.Format(template.IncludedMinutes)} h, {Money.Format(template.MonthlyFeeMinor, settings.Currency)}/month, "
        + $"support {Rate(template.SupportRateMinor)}, development {Rate(template.DevelopmentRateMinor)}, covers support types {string.Join(",", template.CoveredSupportTypeIds)}";

    private string Rate(long? minor) => minor is { } value ? $"{Money.Format(value, settings.Currency)}/h" : "the client's rate";

    private static PlanTemplateView ToView(PlanTemplate t) =>
        new(t.Id, t.Name, t.IncludedMinutes, t.MonthlyFeeMinor, t.CoveredSupportTypeIds, t.DevelopmentRateMinor, t.SupportRateMinor, t.ConcurrencyStamp);

    private static void RequireAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new NotFoundException("The plan templates");
        }
    }

    private Task PublishAsync() => notifier.PublishAsync(new PortalChange(PortalChange.Topics.Settings, "plan-templates", null));
}
