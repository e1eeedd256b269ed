using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Accounts;

/// <summary>What to show of the trail: a kind, a client, a person who acted, and portal-local dates (both ends included).</summary>
public sealed record AuditFilter(string? Kind = null, int? ClientId = null, string? ActorUserId = null, DateOnly? From = null, DateOnly? To = null)
{
    public static AuditFilter None { get; } = new();
}

/// <summary>One row as read: who by name (the system, or "someone unknown" for a sign-in by no account), and the client by name.</summary>
public sealed record AuditRow(
    long Id, DateTime AtUtc, string? ActorUserId, string ActorName, int? ClientId, string? ClientName,
    string Kind, string Subject, string? Before, string? After, string? IpAddress)
{
    public string KindLabel => AuditKinds.Label(Kind);
}

public sealed record AuditPage(IReadOnlyList<AuditRow> Items, int TotalCount);

/// <summary>
/// Reads the audit trail (written by <see cref="AuditTrail"/> far below), newest first, with people's and clients'
/// names, which is why it lives with the accounts. Admins read all of it; a client's admins read their own client's people, plan,
/// rates and invoice rows (<see cref="AuditKinds.VisibleToClientAdmins"/>); anyone else is told it does not exist.
/// </summary>
public sealed class AuditQueries(IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings)
{
    public const int MaxPageSize = 200;

    /// <summary>The most rows one export holds: a year of a busy agency; narrow the dates for more.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<AuditPage> ListAsync(Actor actor, AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = pageSize is < 1 or > MaxPageSize ? throw new ValidationFailedException("PageSize", $"Show between 1 and {MaxPageSize} rows.") : pageSize;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = Visible(db, actor, filter);
        var total = await rows.CountAsync(cancellationToken);
        var items = await Project(db, rows.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        return new AuditPage(items, total);
    }

    /// <summary>Every row the filter selects, newest first, up to <see cref="MaxExportRows"/> (for the CSV).</summary>
    public async Task<IReadOnlyList<AuditRow>> ExportAsync(Actor actor, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = Visible(db, actor, filter).OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(MaxExportRows);
        return await Project(db, rows).ToListAsync(cancellationToken);
    }

    private IQueryable<AuditEntry> Visible(KtPortalDbContext db, Actor actor, AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var rows = db.AuditEntries.AsNoTracking();
        if (actor.IsClientAdmin && actor.ClientId is int own)
        {
            var kinds = AuditKinds.VisibleToClientAdmins.ToList();
            rows = rows.Where(a => a.ClientId == own && kinds.Contains(a.Kind));
        }
        else if (!actor.IsAdmin)
        {
            throw new NotFoundException("The audit trail");
        }

        if (filter.Kind is { Length: > 0 } kind)
        {
            rows = rows.Where(a => a.Kind == kind);
        }

        if (filter.ClientId is int clientId)
        {
            rows = rows.Where(a => a.ClientId == clientId);
        }

        if (filter.ActorUserId is { Length: > 0 } who)
        {
            rows = rows.Where(a => a.ActorUserId == who);
        }

        if (filter.From is { } from)
        {
            var start = settings.StartOfDayUtc(from);
            rows = rows.Where(a => a.AtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = settings.StartOfDayUtc(to.AddDays(1));
            rows = rows.Where(a => a.AtUtc < end);
        }

        return rows;
    }

    private static IQueryable<AuditRow> Project(KtPortalDbContext db, IQueryable<AuditEntry> rows) =>
        from a in rows
        join u in db.Users on a.ActorUserId equals u.Id into actors
        from u in actors.DefaultIfEmpty()
        join c in db.Clients on a.ClientId equals c.Id into clients
        from c in clients.DefaultIfEmpty()
        select new AuditRow(a.Id, a.AtUtc, a.ActorUserId,
            u == null ? (a.ActorUserId == null ? "System" : "Removed user") : u.DisplayName + " <" + u.Email + ">",
            a.ClientId, c == null ? null : c.Name, a.Kind, a.Subject, a.Before, a.After, a.IpAddress);
}
