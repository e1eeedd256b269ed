namespace KtPortal.Domain.Tickets;

public enum TicketType
{
    ServiceRequest,
    Troubleshooting,
}

public enum TicketStatus
{
    New,
    InProgress,
    WaitingOnClient,
    Resolved,
    Closed,
}

public enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

public enum TicketSource
{
    Portal,
    Email,
    Staff,
}

/// <summary>A client's request, worked on the staff board.</summary>
public sealed class Ticket
{
    public const int FirstNumber = 1001;

    public int Id { get; set; }

    /// <summary>Shown as KT-{Number}; sequential and never reused (see <see cref="Data.SequenceAllocator"/>).</summary>
    public int Number { get; set; }

    public int ClientId { get; set; }

    public TicketType Type { get; set; }

    public int SupportTypeId { get; set; }

    public TicketPriority Priority { get; set; } = TicketPriority.Normal;

    public TicketStatus Status { get; set; }

    public TicketSource Source { get; set; }

    public string Title { get; set; } = string.Empty;

    /// <summary>Markdown, rendered sanitized.</summary>
    public string Description { get; set; } = string.Empty;

    public string? RequesterId { get; set; }

    /// <summary>A staff member, or null while unassigned.</summary>
    public string? AssigneeId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? ResolvedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>The last public reply; a resolved ticket closes itself 7 days after the later of this and resolution.</summary>
    public DateTime? LastPublicReplyAtUtc { get; set; }

    /// <summary>
    /// The first public reply by staff (an internal note is not a response), set in the transaction that saves the reply;
    /// response-time figures read it instead of searching every conversation.
    /// </summary>
    public DateTime? FirstResponseAtUtc { get; set; }

    /// <summary>
    /// Whole minutes from raised to <see cref="FirstResponseAtUtc"/>, null before a response; with
    /// <see cref="ResolutionMinutes"/> kept by <see cref="Stats.TicketStatsKeeper"/> on every save, so the tickets report
    /// finds a percentile through an index instead of reading every ticket's dates.
    /// </summary>
    public int? FirstResponseMinutes { get; set; }

    /// <summary>Whole minutes from raised to <see cref="ResolvedAtUtc"/> while the ticket is resolved or closed; null otherwise.</summary>
    public int? ResolutionMinutes { get; set; }

    /// <summary>
    /// The target the service-level clock runs for now, with its due and at-risk instants (null while the ticket waits
    /// on the client short of them) and whether it waits; kept by the service levels' keeper on every
    /// save, so the board sorts and filters by due time in SQL and shows the state without reading any history.
    /// </summary>
    public SlaStage SlaStage { get; set; }

    public DateTime? SlaDueUtc { get; set; }

    public DateTime? SlaAtRiskUtc { get; set; }

    public bool SlaPaused { get; set; }

    /// <summary>Whether the first response met its target; null before it, or without one. Attainment counts these.</summary>
    public bool? SlaResponseMet { get; set; }

    /// <summary>Whether the resolution met its target; null while open, or without one.</summary>
    public bool? SlaResolutionMet { get; set; }

    /// <summary>The alerts already sent for the current stage (claimed with a conditional update, so each goes once).</summary>
    public SlaAlertLevel SlaAlert { get; set; }

    /// <summary>Changes on every save, so that two editors cannot silently overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
