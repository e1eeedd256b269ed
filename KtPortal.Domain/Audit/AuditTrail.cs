using KtPortal.Domain.Common;
using KtPortal.Domain.Data;

namespace KtPortal.Domain.Audit;

/// <summary>
/// Adds audit rows to the caller's unit of work, so a row commits with the change it records (and neither without
/// the other), as outbox rows do. One per scope: it knows the request's address.
/// </summary>
public sealed class AuditTrail(IAuditOrigin origin, TimeProvider clock)
{
    /// <summary>Records what <paramref name="actor"/> did; <paramref name="before"/> and <paramref name="after"/> as people read them.</summary>
    public void Add(KtPortalDbContext db, Actor? actor, string kind, string subject, int? clientId = null, string? before = null, string? after = null) =>
        Add(db, actor is null || actor == Actor.System ? null : actor.UserId, kind, subject, clientId, before, after);

    /// <summary>As above, for a person known only by id (a sign-in, before there is an actor).</summary>
    public void Add(KtPortalDbContext db, string? actorUserId, string kind, string subject, int? clientId = null, string? before = null, string? after = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!AuditKinds.IsKnown(kind))
        {
            throw new ArgumentException($"Unknown audit kind \"{kind}\": add it to AuditKinds.", nameof(kind));
        }

        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ActorUserId = actorUserId,
            ClientId = clientId,
            Kind = kind,
            Subject = TextLimits.Shorten(subject, AuditEntry.SubjectMaxLength),
            Before = before is null ? null : TextLimits.Shorten(before, AuditEntry.ValueMaxLength),
            After = after is null ? null : TextLimits.Shorten(after, AuditEntry.ValueMaxLength),
            IpAddress = origin.IpAddress is { } ip ? TextLimits.Shorten(ip, 64) : null,
        });
    }

    /// <summary>"name: old → new" for each field that changed, or null when none did: the before/after of an edit.</summary>
    public static (string? Before, string? After) Changes(params (string Field, string? Before, string? After)[] fields)
    {
        var changed = fields.Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal)).ToList();
        return changed.Count == 0
            ? (null, null)
            : (string.Join("; ", changed.Select(f => $"{f.Field}: {f.Before ?? "—"}")), string.Join("; ", changed.Select(f => $"{f.Field}: {f.After ?? "—"}")));
    }
}
