using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Accounts;

public sealed record ClientUserListItem(
    string UserId,
    string Email,
    string DisplayName,
    string Role,
    bool IsActive,
    DateTime CreatedAtUtc,
    bool CanViewInvoices = false);

/// <summary>Reads the people of a client: accounts belong to clients, so the client list asks here for its users.</summary>
public sealed class ClientUserQueries(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    /// <summary>The client's users. Staff, and the client's own ClientAdmins, may list them.</summary>
    public async Task<IReadOnlyList<ClientUserListItem>> ListAsync(Actor actor, int clientId, CancellationToken cancellationToken = default)
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

    /// <summary>Active users per client (clients without any are absent). Staff only: it spans every client.</summary>
    public async Task<IReadOnlyDictionary<int, int>> CountActiveByClientAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "count every client's users");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.ClientId != null && u.IsActive)
            .GroupBy(u => u.ClientId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}
