namespace KtPortal.Domain.Tickets;

public sealed record TicketListItem(
    int Number,
    int ClientId,
    string ClientName,
    TicketType Type,
    string SupportTypeName,
    TicketPriority Priority,
    TicketStatus Status,
    string Title,
    string? AssigneeName,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    Guid ConcurrencyStamp,
    TicketSla? Sla = null)
{
    public string DisplayNumber => TicketNumber.Format(Number);
}

/// <summary>
/// A ticket's running service-level target as stored (see the service levels' keeper): the page works out the state
/// (ok, at risk, breached, paused) at its own "now", so it stays live without asking the database again.
/// </summary>
public sealed record TicketSla(SlaStage Stage, DateTime? DueUtc, DateTime? AtRiskUtc, bool Paused, bool? ResponseMet = null, bool? ResolutionMet = null);

public sealed record PersonRef(string Id, string DisplayName);

public sealed record TicketDetails(
    int Number,
    int ClientId,
    string ClientName,
    TicketType Type,
    int SupportTypeId,
    string SupportTypeName,
    TicketPriority Priority,
    TicketStatus Status,
    TicketSource Source,
    string Title,
    string Description,
    string? RequesterId,
    string? RequesterName,
    string? AssigneeId,
    string? AssigneeName,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    DateTime? ResolvedAtUtc,
    Guid ConcurrencyStamp)
{
    public string DisplayNumber => TicketNumber.Format(Number);

    public IReadOnlyList<PersonRef> CopiedUsers { get; init; } = [];

    /// <summary>The service level: the running target, and whether the response and resolution met theirs.</summary>
    public TicketSla? Sla { get; init; }
}

public sealed record AttachmentItem(int Id, string FileName, long SizeBytes, bool IsInternal, int? CommentId, DateTime CreatedAtUtc);

public sealed record CommentItem(
    int Id, string AuthorName, bool AuthorIsStaff, string Body, bool IsInternal, DateTime CreatedAtUtc, IReadOnlyList<AttachmentItem> Attachments);

public sealed record ActivityItem(string ActorName, TicketActivityKind Kind, string Detail, bool IsInternal, DateTime CreatedAtUtc);

/// <summary>A ticket's conversation as the actor may see it: internal notes and their files only for staff.</summary>
public sealed record TicketConversation(
    IReadOnlyList<AttachmentItem> TicketAttachments,
    IReadOnlyList<CommentItem> Comments,
    IReadOnlyList<ActivityItem> Activity);

/// <summary>List and board filters. Client filters are ignored for client users, whose scope is fixed.</summary>
public sealed record TicketFilter
{
    public int? ClientId { get; init; }

    public string? AssigneeId { get; init; }

    /// <summary>Only tickets assigned to the acting staff member.</summary>
    public bool Mine { get; init; }

    public TicketType? Type { get; init; }

    public int? SupportTypeId { get; init; }

    public TicketPriority? Priority { get; init; }

    /// <summary>Matches a ticket number (KT-1042 or 1042), or text in the title or description.</summary>
    public string? Search { get; init; }

    public bool OpenOnly { get; init; }

    public static TicketFilter None { get; } = new();
}

/// <summary>Where the next board page starts: after this ticket in "most recently updated" order.</summary>
public sealed record BoardCursor(DateTime UpdatedAtUtc, int Number);

public sealed record BoardColumnPage(TicketStatus Status, IReadOnlyList<TicketListItem> Items, BoardCursor? Next);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
