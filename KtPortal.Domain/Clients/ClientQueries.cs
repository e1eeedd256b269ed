using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Clients;

/// <summary>Reads clients and their users, scoped to what the actor may see.</summary>
public sealed class ClientQueries(IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings)
{
    /// <summary>Staff see every client; a client user sees only their own.</summary>
    public async Task<IReadOnlyList<ClientListItem>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Scoped(db, actor)
            .OrderBy(c => c.Name)
            .Select(c => new ClientListItem(
                c.Id,
                c.Name,
                c.BillingEmail,
                db.Users.Count(u => u.ClientId == c.Id && u.IsActive)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The client, or null when it does not exist or the actor may not see it.</summary>
    public async Task<ClientDetails?> GetAsync(Actor actor, int clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var currency = settings.Currency;
        return await Scoped(db, actor)
            .Where(c => c.Id == clientId)
            .Select(c => new ClientDetails(
                c.Id, c.Name, c.BillingEmail, c.DevelopmentRateMinor, c.SupportRateMinor,
                c.TaxRateBasisPoints, c.PaymentTermsDays, c.ConcurrencyStamp, currency))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The client's users. Staff, and the client's own ClientAdmins, may list them.</summary>
    public async Task<IReadOnlyList<ClientUserListItem>> ListUsersAsync(
        Actor actor, int clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!(actor.IsStaff || (actor.IsClientAdmin && actor.ClientId == clientId)))
        {
            throw new NotFoundException("The client");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var users = await (
            from u in db.Users
            where u.ClientId == clientId
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            select new { u.Id, u.Email, u.DisplayName, Role = r.Name, u.IsActive, u.CreatedAtUtc, u.CanViewInvoices })
            .ToListAsync(cancellationToken);

        return users
            .OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new ClientUserListItem(u.Id, u.Email ?? string.Empty, u.DisplayName, u.Role ?? string.Empty, u.IsActive, u.CreatedAtUtc, u.CanViewInvoices))
            .ToList();
    }

    private static IQueryable<Client> Scoped(KtPortalDbContext db, Actor actor) =>
        actor.IsStaff ? db.Clients.AsNoTracking() : db.Clients.AsNoTracking().Where(c => c.Id == actor.ClientId);
}
