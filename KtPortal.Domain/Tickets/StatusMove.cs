namespace KtPortal.Domain.Tickets;

/// <summary>
/// One status change as it was made: enough to take it back (<see cref="TicketService.UndoMoveAsync"/>) while nobody
/// has touched the ticket since (<see cref="StampAfter"/>) and within <see cref="TicketRules.UndoWindow"/>.
/// It lives in the page of the person who moved the ticket, never in a browser.
/// </summary>
public sealed record StatusMove(
    int Number,
    TicketStatus From,
    TicketStatus To,
    DateTime? ResolvedAtUtcBefore,
    DateTime? ClosedAtUtcBefore,
    DateTime MovedAtUtc,
    Guid StampAfter,
    string? ByUserId)
{
    public string DisplayNumber => TicketNumber.Format(Number);
}

/// <summary>What a bulk move did: as <see cref="BulkResult"/>, with each move made so that the batch can be undone.</summary>
public sealed record BulkMoveResult(IReadOnlyList<StatusMove> Moves, IReadOnlyDictionary<int, string> Skipped);
