using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Accounts;

/// <summary>
/// Who may see what a client is charged (invoices, pending charges): staff, the client's admins, and client users an
/// admin granted billing access. One rule for the invoice list and the hours meter.
/// </summary>
public static class BillingAccess
{
    /// <summary>Read from the user row on each call, so granting or revoking access takes effect at once.</summary>
    public static async Task<bool> CanSeeChargesAsync(KtPortalDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsStaff || actor.IsClientAdmin)
        {
            return true;
        }

        return actor.IsClientUser && await db.Users.AnyAsync(
            u => u.Id == actor.UserId && u.ClientId == actor.ClientId && u.IsActive && u.CanViewInvoices, cancellationToken);
    }
}
