namespace KtPortal.Domain.Tickets;

/// <summary>
/// A new ticket. For client users the client, requester, assignee and source come from who they are;
/// staff choose the client and may name a requester and an assignee.
/// </summary>
public sealed record NewTicketInput(
    TicketType Type,
    int SupportTypeId,
    string Title,
    string Description,
    TicketPriority Priority = TicketPriority.Normal,
    int? ClientId = null,
    string? RequesterId = null,
    string? AssigneeId = null,
    IReadOnlyList<string>? CopiedUserIds = null,
    TicketSource? Source = null);

/// <summary>The fields staff can edit after a ticket was raised.</summary>
public sealed record TicketEditInput(
    TicketType Type,
    int SupportTypeId,
    TicketPriority Priority,
    string Title,
    string Description);

/// <summary>What a bulk action did: the tickets it changed and, for the others, why not.</summary>
public sealed record BulkResult(IReadOnlyList<int> Changed, IReadOnlyDictionary<int, string> Skipped);
