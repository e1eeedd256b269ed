using KtPortal.Domain.Audit;
using KtPortal.Domain.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Accounts;

/// <summary>
/// Sign-ins, failed sign-ins, lockouts and sign-outs, for the audit trail. Identity's sign-in does not commit through
/// our services, so the sign-in pages report the outcome here, each in a row of its own.
/// </summary>
public sealed class SignInAudit(IDbContextFactory<KtPortalDbContext> contextFactory, UserManager<PortalUser> users, AuditTrail audit)
{
    /// <summary>Records an outcome for the address typed; the account's id and client when there is one, the address as typed when not.</summary>
    public async Task RecordAsync(string kind, string? email, CancellationToken cancellationToken = default)
    {
        var typed = (email ?? string.Empty).Trim();
        var user = typed.Length == 0 ? null : await users.FindByEmailAsync(typed);
        await WriteAsync(kind, user?.Id, user?.Email ?? typed, user?.ClientId, cancellationToken);
    }

    /// <summary>Records an outcome for a known account (two-factor steps, sign-out).</summary>
    public async Task RecordForUserAsync(string kind, string? userId, CancellationToken cancellationToken = default)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is not null)
        {
            await WriteAsync(kind, user.Id, user.Email ?? user.Id, user.ClientId, cancellationToken);
        }
    }

    private async Task WriteAsync(string kind, string? userId, string subject, int? clientId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        audit.Add(db, userId, kind, subject.Length == 0 ? "(no address)" : subject, clientId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
