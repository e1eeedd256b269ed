using KtPortal.Domain.Common;
using System.Security.Cryptography;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Accounts;

/// <summary>A signed-in browser as its owner sees it on Account and security.</summary>
public sealed record UserSessionItem(string Id, DateTime CreatedAtUtc, DateTime LastSeenAtUtc, DateTime? ExpiresAtUtc, string UserAgent, string IpAddress);

/// <summary>
/// The server side of sign-in: every cookie names a row here, and a cookie whose row is gone is refused. Shared by
/// every instance through the database, so a sign-out on one is a sign-out on all.
/// </summary>
public sealed class UserSessionStore(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>How stale "last seen" may get before a request writes it again (one write per session per interval).</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(5);

    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Keeps a new sign-in, and clears this user's sessions that have expired on their own.</summary>
    public async Task AddAsync(string id, string userId, byte[] ticket, DateTime? expiresAtUtc, string? userAgent, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAtUtc != null && s.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
        db.UserSessions.Add(new UserSession
        {
            Id = id,
            UserId = userId,
            Ticket = ticket,
            CreatedAtUtc = now,
            LastSeenAtUtc = now,
            ExpiresAtUtc = expiresAtUtc,
            UserAgent = TextLimits.Cut(userAgent, UserSession.UserAgentMaxLength),
            IpAddress = TextLimits.Cut(ipAddress, 64),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The stored ticket, or null when the session was ended or has expired.</summary>
    public async Task<byte[]?> GetTicketAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.UserSessions.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Ticket, s.ExpiresAtUtc, s.LastSeenAtUtc }).SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.ExpiresAtUtc < now)
        {
            return null;
        }

        if (now - found.LastSeenAtUtc > LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAtUtc, now), cancellationToken);
        }

        return found.Ticket;
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserSessions.AnyAsync(s => s.Id == id && (s.ExpiresAtUtc == null || s.ExpiresAtUtc >= now), cancellationToken);
    }

    /// <summary>A renewed sign-in (sliding expiry, refreshed claims); a session already ended stays ended.</summary>
    public async Task RenewAsync(string id, byte[] ticket, DateTime? expiresAtUtc, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Ticket, ticket)
            .SetProperty(x => x.ExpiresAtUtc, expiresAtUtc)
            .SetProperty(x => x.LastSeenAtUtc, now), cancellationToken);
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends one of a user's own sessions (another browser); someone else's id changes nothing.</summary>
    public async Task<bool> RemoveOwnAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserSessions.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Signs a user out everywhere: every browser they are signed in on. Returns how many sessions ended.</summary>
    public async Task<int> RemoveAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A user's own sessions that have not expired, most recently used first.</summary>
    public async Task<IReadOnlyList<UserSessionItem>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && (s.ExpiresAtUtc == null || s.ExpiresAtUtc >= now))
            .Select(s => new UserSessionItem(s.Id, s.CreatedAtUtc, s.LastSeenAtUtc, s.ExpiresAtUtc, s.UserAgent, s.IpAddress))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(s => s.LastSeenAtUtc)];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
