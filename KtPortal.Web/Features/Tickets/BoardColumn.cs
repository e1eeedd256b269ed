using KtPortal.Domain.Tickets;

namespace KtPortal.Web.Features.Tickets;

/// <summary>What the board holds for one status: the cards loaded so far, where the next page starts, and the total.</summary>
public sealed class BoardColumn(TicketStatus status)
{
    public TicketStatus Status { get; } = status;

    public List<TicketListItem> Items { get; } = [];

    public BoardCursor? Next { get; set; }

    public int Count { get; set; }
}
