using KtPortal.Domain.Tickets;

namespace KtPortal.Web.Features.Tickets;

/// <summary>
/// What a <see cref="TicketBoardCard"/> asks of the board it sits on. One reference per card instead of a lambda per
/// card and event: the board renders on every ticket change anyone makes, and lambdas would be new objects (and new
/// event handler ids) for every card each time.
/// </summary>
public interface IBoardCardActions
{
    Task ToggleAsync(int number, bool selected);

    void StartDrag(TicketListItem card);

    void EndDrag();

    Task MoveAsync(TicketListItem card, TicketStatus status);
}
