using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Accounts;

/// <summary>A member of the agency as admins manage them.</summary>
public sealed record StaffMember(
    string UserId, string DisplayName, string Email, string Role, bool IsActive, bool TwoFactorEnabled, DateTime? LastSignInUtc, DateTimeOffset? LockedOutUntil,
    int WeeklyCapacityMinutes);

/// <summary>
/// The agency's own people (staff and admins), for admins: who they are, when they last signed in, whether they use
/// two-factor sign-in; deactivate and reactivate them (their sessions end at once) and change their role. The portal
/// always keeps one active admin: the last one cannot be deactivated or made staff. Client users are managed on their
/// client (<see cref="UserAccountService"/>).
/// </summary>
public sealed class PeopleService(IDbContextFactory<KtPortalDbContext> contextFactory, IChangeNotifier notifier, TimeProvider clock, AuditTrail audit)
{
    public async Task<IReadOnlyList<StaffMember>> ListStaffAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var people = await (
            from u in db.Users.AsNoTracking()
            where u.ClientId == null
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == PortalRoles.Admin || r.Name == PortalRoles.Staff
            orderby u.DisplayName
            select new { u.Id, u.DisplayName, u.Email, Role = r.Name!, u.IsActive, u.TwoFactorEnabled, u.LockoutEnd, u.WeeklyCapacityMinutes }).ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();

        // Sign-ins are in the audit trail; the latest per person is their last sign-in.
        var lastSignIns = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Kind == AuditKinds.SignIn && a.ActorUserId != null && ids.Contains(a.ActorUserId))
            .GroupBy(a => a.ActorUserId!)
            .Select(g => new { UserId = g.Key, Last = g.Max(a => a.AtUtc) })
            .ToDictionaryAsync(g => g.UserId, g => g.Last, cancellationToken);
        var now = clock.GetUtcNow();
        return [.. people.Select(p => new StaffMember(p.Id, p.DisplayName, p.Email ?? "", p.Role, p.IsActive, p.TwoFactorEnabled,
            lastSignIns.TryGetValue(p.Id, out var last) ? last : null, p.LockoutEnd > now ? p.LockoutEnd : null, p.WeeklyCapacityMinutes))];
    }

    /// <summary>Turns a staff member's access off (their sessions end at once) or back on.</summary>
    public async Task SetActiveAsync(Actor actor, string userId, bool active, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (user, role) = await FindStaffAsync(db, userId, cancellationToken);
        if (user.Id == actor.UserId)
        {
            throw new DomainException("You cannot deactivate your own account.");
        }

        if (user.IsActive == active)
        {
            return;
        }

        if (!active && role == PortalRoles.Admin)
        {
            await RequireAnotherAdminAsync(db, user.Id, "deactivated", cancellationToken);
        }

        user.IsActive = active;
        user.DeactivatedAtUtc = active ? null : clock.GetUtcNow().UtcDateTime;
        EndSessions(user);
        audit.Add(db, actor, active ? AuditKinds.PersonReactivated : AuditKinds.PersonDeactivated, user.Email ?? user.Id, null,
            active ? "Deactivated" : "Active", active ? "Active" : "Deactivated");
        await db.SaveChangesAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await PublishAsync();
    }

    /// <summary>Makes a staff member an admin or an admin staff. Their sessions end, so the new role applies at their next sign-in.</summary>
    public async Task ChangeRoleAsync(Actor actor, string userId, string newRole, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        if (newRole is not (PortalRoles.Admin or PortalRoles.Staff))
        {
            throw new ValidationFailedException("Role", "Choose Admin or Staff.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (user, role) = await FindStaffAsync(db, userId, cancellationToken);
        if (role == newRole)
        {
            return;
        }

        if (role == PortalRoles.Admin)
        {
            await RequireAnotherAdminAsync(db, user.Id, "made staff", cancellationToken);
        }

        var roles = await db.Roles.Where(r => r.Name == role || r.Name == newRole).ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        db.UserRoles.Remove(await db.UserRoles.SingleAsync(ur => ur.UserId == user.Id && ur.RoleId == roles[role], cancellationToken));
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = roles[newRole] });
        EndSessions(user);
        audit.Add(db, actor, AuditKinds.RoleChanged, user.Email ?? user.Id, null, role, newRole);
        await db.SaveChangesAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await PublishAsync();
    }

    /// <summary>Sets the hours a week a staff member is there to work (0 to <see cref="StaffCapacity.MaxWeeklyMinutes"/>; 0: not tracked).</summary>
    public async Task SetCapacityAsync(Actor actor, string userId, int weeklyMinutes, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        StaffCapacity.Validate(weeklyMinutes);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (user, _) = await FindStaffAsync(db, userId, cancellationToken);
        if (user.WeeklyCapacityMinutes == weeklyMinutes)
        {
            return;
        }

        audit.Add(db, actor, AuditKinds.CapacityChanged, user.Email ?? user.Id, null,
            StaffCapacity.Describe(user.WeeklyCapacityMinutes), StaffCapacity.Describe(weeklyMinutes));
        user.WeeklyCapacityMinutes = weeklyMinutes;
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync();
    }

    /// <summary>A new security stamp: open pages sign out at their next check, and the server-side sessions are deleted after the save.</summary>
    private static void EndSessions(PortalUser user)
    {
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    private static async Task RequireAnotherAdminAsync(KtPortalDbContext db, string userId, string what, CancellationToken cancellationToken)
    {
        var otherAdmins = await (
            from u in db.Users
            where u.IsActive && u.ClientId == null && u.Id != userId
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == PortalRoles.Admin
            select u.Id).CountAsync(cancellationToken);
        if (otherAdmins == 0)
        {
            throw new DomainException($"This is the last active admin: it cannot be {what}. Make someone else an admin first.");
        }
    }

    private static async Task<(PortalUser User, string Role)> FindStaffAsync(KtPortalDbContext db, string userId, CancellationToken cancellationToken)
    {
        var found = await (
            from u in db.Users
            where u.Id == userId && u.ClientId == null
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == PortalRoles.Admin || r.Name == PortalRoles.Staff
            select new { User = u, Role = r.Name! }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? throw new NotFoundException("The person") : (found.User, found.Role);
    }

    private static void RequireAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new NotFoundException("The agency's people");
        }
    }

    private Task PublishAsync() => notifier.PublishAsync(new PortalChange(PortalChange.Topics.User, "staff", null));
}
