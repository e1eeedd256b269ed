namespace KtPortal.Domain.Audit;

/// <summary>
/// One thing that happened, for the record: who (a user, or nobody for a failed sign-in or the system), when, what
/// (<see cref="Kind"/> and <see cref="Subject"/>), the values before and after, and from which address. Rows are only
/// ever added: <see cref="Data.KtPortalDbContext"/> refuses to save a changed or removed one.
/// </summary>
public sealed class AuditEntry
{
    public const int SubjectMaxLength = 400;
    public const int ValueMaxLength = 4000;

    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>Who did it; null for the system (jobs, Stripe) and for a sign-in by someone unknown.</summary>
    public string? ActorUserId { get; set; }

    /// <summary>The client the change concerns (its invoices, plans, people), so its admins can see their own rows.</summary>
    public int? ClientId { get; set; }

    /// <summary>One of <see cref="AuditKinds"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>What it was done to, in words: "INV-2026-0042", "carol@acme.test", "Basic Maintenance (Acme Dental)".</summary>
    public string Subject { get; set; } = string.Empty;

    public string? Before { get; set; }

    public string? After { get; set; }

    /// <summary>The address the request came from, when there was a request.</summary>
    public string? IpAddress { get; set; }
}
