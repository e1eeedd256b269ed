using System.Globalization;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Accounts;

/// <summary>Deactivates and reactivates client users.</summary>
public sealed class UserAccountService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    AuditTrail audit)
{
    /// <summary>
    /// Turns a client user's access off or back on. Deactivation changes the security stamp, which
    /// signs the user's open circuits out at their next revalidation and refuses their cookie.
    /// Staff may do this for any client user; a ClientAdmin for the other users of their own client.
    /// </summary>
    public async Task SetActiveAsync(Actor actor, string userId, bool active, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (user, clientId) = await FindManagedUserAsync(db, actor, userId, cancellationToken);
        if (user.Id == actor.UserId)
        {
            throw new DomainException("You cannot deactivate your own account.");
        }

        if (user.IsActive == active)
        {
            return;
        }

        user.IsActive = active;
        user.DeactivatedAtUtc = active ? null : clock.GetUtcNow().UtcDateTime;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        audit.Add(db, actor, active ? AuditKinds.PersonReactivated : AuditKinds.PersonDeactivated, user.Email ?? user.Id, clientId,
            active ? "Deactivated" : "Active", active ? "Active" : "Deactivated");
        await db.SaveChangesAsync(cancellationToken);
        if (!active)
        {
            // Their cookies stop working at once, not at the next security-stamp check.
            await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        }

        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.User, clientId.ToString(CultureInfo.InvariantCulture), clientId));
    }

    /// <summary>
    /// Grants or withdraws a ClientUser's access to the client's invoices (ClientAdmins always have it). Staff may do
    /// this for any client user; a ClientAdmin for the users of their own client. Takes effect on the next read.
    /// </summary>
    public async Task SetInvoiceAccessAsync(Actor actor, string userId, bool canView, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (user, clientId) = await FindManagedUserAsync(db, actor, userId, cancellationToken);
        if (user.CanViewInvoices != canView)
        {
            audit.Add(db, actor, AuditKinds.InvoiceAccessChanged, user.Email ?? user.Id, clientId,
                user.CanViewInvoices ? "Sees invoices" : "No invoices", canView ? "Sees invoices" : "No invoices");
        }

        user.CanViewInvoices = canView;
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.User, clientId.ToString(CultureInfo.InvariantCulture), clientId));
    }

    /// <summary>A client user the actor manages (staff: any; a ClientAdmin: their own client's); anyone else is not found.</summary>
    private static async Task<(PortalUser User, int ClientId)> FindManagedUserAsync(
        KtPortalDbContext db, Actor actor, string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user?.ClientId is not int clientId || !(actor.IsStaff || (actor.IsClientAdmin && actor.ClientId == clientId)))
        {
            throw new NotFoundException("The user");
        }

        return (user, clientId);
    }
}
