using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Clients;

/// <summary>Reads clients, scoped to what the actor may see. Their users are read in Accounts (<c>ClientUserQueries</c>).</summary>
public sealed class ClientQueries(IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings)
{
    /// <summary>Staff see every client; a client user sees only their own.</summary>
    public async Task<IReadOnlyList<ClientListItem>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Scoped(db, actor)
            .OrderBy(c => c.Name)
            .Select(c => new ClientListItem(c.Id, c.Name, c.BillingEmail))
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
                c.TaxRateBasisPoints, c.PaymentTermsDays, c.ConcurrencyStamp, currency) { MonthlyStatement = c.MonthlyStatement })
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<Client> Scoped(KtPortalDbContext db, Actor actor) =>
        actor.IsStaff ? db.Clients.AsNoTracking() : db.Clients.AsNoTracking().Where(c => c.Id == actor.ClientId);
}
