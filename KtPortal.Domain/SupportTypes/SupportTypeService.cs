using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.SupportTypes;

public sealed record SupportTypeItem(int Id, string Name, bool IsActive);

/// <summary>Reads the support type list. Everyone signed in may read it (the new-ticket form needs it).</summary>
public sealed class SupportTypeQueries(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    /// <summary>The list in display order; inactive types only when asked (admin screen, filters of old tickets).</summary>
    public async Task<IReadOnlyList<SupportTypeItem>> ListAsync(bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SupportTypes.AsNoTracking()
            .Where(s => includeInactive || s.IsActive)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new SupportTypeItem(s.Id, s.Name, s.IsActive))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>Admins manage the support type list, audited. Types are renamed or deactivated, never deleted.</summary>
public sealed class SupportTypeService(IDbContextFactory<KtPortalDbContext> contextFactory, AuditTrail audit)
{
    public const int NameMaxLength = 60;

    public async Task<int> CreateAsync(Actor actor, string name, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, name, existingId: null, cancellationToken);
        var order = (await db.SupportTypes.MaxAsync(s => (int?)s.SortOrder, cancellationToken) ?? 0) + 10;
        var type = new SupportType { Name = name.Trim(), SortOrder = order };
        db.SupportTypes.Add(type);
        audit.Add(db, actor, AuditKinds.SupportTypeChanged, type.Name, after: "Added, active");
        await db.SaveChangesAsync(cancellationToken);
        return type.Id;
    }

    public async Task RenameAsync(Actor actor, int id, string name, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var type = await db.SupportTypes.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("The support type");
        await ValidateAsync(db, name, id, cancellationToken);
        var before = type.Name;
        type.Name = name.Trim();
        if (before != type.Name)
        {
            audit.Add(db, actor, AuditKinds.SupportTypeChanged, type.Name, null, $"Name: {before}", $"Name: {type.Name}");
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An inactive type is no longer offered for new tickets; tickets that have it keep it.</summary>
    public async Task SetActiveAsync(Actor actor, int id, bool active, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var type = await db.SupportTypes.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("The support type");
        if (!active && await db.SupportTypes.CountAsync(s => s.IsActive && s.Id != id, cancellationToken) == 0)
        {
            throw new ValidationFailedException("IsActive", "At least one support type must stay active, or nobody could raise a ticket.");
        }

        if (type.IsActive != active)
        {
            audit.Add(db, actor, AuditKinds.SupportTypeChanged, type.Name, null, type.IsActive ? "Active" : "Retired", active ? "Active" : "Retired");
        }

        type.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task ValidateAsync(KtPortalDbContext db, string? name, int? existingId, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("Name", name, "Name", NameMaxLength);
        if (!string.IsNullOrWhiteSpace(name))
        {
            var upper = name.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToUpper() must translate to SQL UPPER() on both providers.
            var taken = await db.SupportTypes.AnyAsync(s => s.Name.ToUpper() == upper && s.Id != (existingId ?? 0), cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
            validation.Check(!taken, "Name", "A support type with this name already exists.");
        }

        validation.ThrowIfInvalid();
    }

    private static void RequireAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException("Only administrators can change the support types.");
        }
    }
}
