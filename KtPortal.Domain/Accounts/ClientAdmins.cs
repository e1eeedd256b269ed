using KtPortal.Domain.Common;
using KtPortal.Domain.Data;

namespace KtPortal.Domain.Accounts;

/// <summary>The active client admins of one client: who hears about its invoices, its plan hours and its quotes.</summary>
internal static class ClientAdmins
{
    public static IQueryable<PortalUser> Active(KtPortalDbContext db, int clientId) =>
        from u in db.Users
        where u.IsActive && u.ClientId == clientId
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == PortalRoles.ClientAdmin
        select u;
}
