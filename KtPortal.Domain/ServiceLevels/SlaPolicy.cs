using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// A set of service-level targets, one row per priority. One policy is the default; a client or a plan may name another
/// (the client's choice wins over its plan's, the plan's over the default).
/// </summary>
public sealed class SlaPolicy
{
    public const int NameMaxLength = 80;

    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The policy for every ticket whose client and plan name none; exactly one policy is the default.</summary>
    public bool IsDefault { get; set; }

    public List<SlaTarget> Targets { get; set; } = [];

    public DateTime UpdatedAtUtc { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>What the agency starts with: Urgent in calendar hours (it cannot wait for Monday), the rest in open hours.</summary>
    public static SlaPolicy Standard(DateTime nowUtc) => new()
    {
        Name = "Standard",
        IsDefault = true,
        UpdatedAtUtc = nowUtc,
        Targets =
        [
            new() { Priority = TicketPriority.Urgent, Basis = SlaBasis.Calendar, ResponseMinutes = 60, ResolutionMinutes = 8 * 60 },
            new() { Priority = TicketPriority.High, Basis = SlaBasis.Business, ResponseMinutes = 4 * 60, ResolutionMinutes = 16 * 60 },
            new() { Priority = TicketPriority.Normal, Basis = SlaBasis.Business, ResponseMinutes = 8 * 60, ResolutionMinutes = 40 * 60 },
            new() { Priority = TicketPriority.Low, Basis = SlaBasis.Business, ResponseMinutes = 16 * 60, ResolutionMinutes = 80 * 60 },
        ],
    };
}

/// <summary>One priority's targets in a policy; a null target means none (no due time, no alerts).</summary>
public sealed class SlaTarget
{
    public TicketPriority Priority { get; set; }

    public SlaBasis Basis { get; set; }

    /// <summary>Until the first public reply by staff.</summary>
    public int? ResponseMinutes { get; set; }

    /// <summary>Until the ticket is resolved.</summary>
    public int? ResolutionMinutes { get; set; }
}
