namespace KtPortal.Domain.Tickets;

public sealed record TicketListItem(
    int Number,
    string ClientName,
    TicketType Type,
    TicketStatus Status,
    string Title,
    DateTime UpdatedAtUtc)
{
    public string DisplayNumber => TicketNumber.Format(Number);
}

public sealed record TicketDetails(
    int Number,
    int ClientId,
    string ClientName,
    TicketType Type,
    TicketStatus Status,
    string Title,
    string Description,
    string? RequesterName,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc)
{
    public string DisplayNumber => TicketNumber.Format(Number);
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
