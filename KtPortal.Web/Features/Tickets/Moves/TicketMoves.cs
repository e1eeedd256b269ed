using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;
using MudBlazor;

namespace KtPortal.Web.Features.Tickets.Moves;

/// <summary>
/// Every status move a person makes in the portal (board drag, card menu, bulk bar, the ticket page) goes through here,
/// so each behaves alike: a move to Closed asks first, the outcome shows in a snackbar, and the snackbar offers Undo
/// for as long as the move can be undone (<see cref="TicketRules.UndoWindow"/>). One per circuit.
/// </summary>
public sealed class TicketMoves(TicketService tickets, ISnackbar snackbar, IDialogService dialogs, ILogger<TicketMoves> logger)
{
    /// <summary>How long Undo stays on screen: inside the undo window, with room left for the undo's own round trip.</summary>
    public static readonly TimeSpan UndoShownFor = TicketRules.UndoWindow - TimeSpan.FromSeconds(5);

    /// <summary>Moves one ticket; false when the person changed their mind or the move was refused (the snackbar says why).</summary>
    public async Task<bool> MoveAsync(Actor actor, int number, TicketStatus to, Guid? concurrencyStamp)
    {
        var display = TicketNumber.Format(number);
        if (!await ConfirmAsync(actor, to, $"Close {display}?", "Close ticket"))
        {
            return false;
        }

        try
        {
            var move = await tickets.ChangeStatusAsync(actor, number, to, concurrencyStamp);
            OfferUndo(actor, [move], $"{display} moved to {TicketRules.Label(to)}.");
            return true;
        }
        catch (DomainException ex)
        {
            logger.LogInformation("Moving {Ticket} to {Status} was refused: {Reason}", display, to, ex.Message);
            snackbar.Add($"{display}: {ex.Message}", Severity.Warning);
            return false;
        }
    }

    /// <summary>Moves the selected tickets; those the workflow refuses are named in a snackbar each.</summary>
    public async Task<bool> BulkMoveAsync(Actor actor, IReadOnlyCollection<int> numbers, TicketStatus to)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var many = numbers.Count == 1 ? $"{TicketNumber.Format(numbers.First())}" : $"{numbers.Count} tickets";
        if (!await ConfirmAsync(actor, to, $"Close {many}?", numbers.Count == 1 ? "Close ticket" : $"Close {many}"))
        {
            return false;
        }

        try
        {
            var result = await tickets.BulkChangeStatusAsync(actor, numbers, to);
            if (result.Moves.Count > 0)
            {
                var moved = result.Moves.Count == 1 ? result.Moves[0].DisplayNumber : $"{result.Moves.Count} tickets";
                OfferUndo(actor, result.Moves, $"{moved} moved to {TicketRules.Label(to)}.");
            }

            foreach (var (number, reason) in result.Skipped)
            {
                snackbar.Add($"{TicketNumber.Format(number)} not changed: {reason}", Severity.Warning);
            }

            return true;
        }
        catch (DomainException ex)
        {
            snackbar.Add(ex.Message, Severity.Warning);
            return false;
        }
    }

    /// <summary>Closing takes a ticket off everyone's open lists, so it is asked first; other moves are one tap (and undoable).</summary>
    private async Task<bool> ConfirmAsync(Actor actor, TicketStatus to, string title, string yes)
    {
        if (to != TicketStatus.Closed)
        {
            return true;
        }

        var answer = await dialogs.ShowMessageBoxAsync(title,
            actor.IsStaff
                ? "Closed tickets leave the open columns and the client's open list. The client can still reopen them."
                : "Close it if the problem is solved. You can reopen it later.",
            yesText: yes, cancelText: "Cancel");
        return answer == true;
    }

    private void OfferUndo(Actor actor, IReadOnlyList<StatusMove> moves, string message)
    {
        Snackbar? shown = null;
        var parameters = new Dictionary<string, object>
        {
            [nameof(UndoSnackbar.Message)] = message,
            [nameof(UndoSnackbar.OnUndo)] = (Func<Task>)(() => UndoAsync(actor, moves, shown)),
        };
        shown = snackbar.Add<UndoSnackbar>(parameters, Severity.Normal, options =>
        {
            options.RequireInteraction = false;
            options.VisibleStateDuration = (int)UndoShownFor.TotalMilliseconds;
            options.CloseAfterNavigation = true;
        }, key: $"undo:{string.Join(',', moves.Select(m => m.Number))}:{moves[0].MovedAtUtc.Ticks}");
    }

    private async Task UndoAsync(Actor actor, IReadOnlyList<StatusMove> moves, Snackbar? shown)
    {
        var refused = new List<string>();
        foreach (var move in moves)
        {
            try
            {
                await tickets.UndoMoveAsync(actor, move);
            }
            catch (DomainException ex)
            {
                logger.LogInformation("Undoing the move of {Ticket} was refused: {Reason}", move.DisplayNumber, ex.Message);
                refused.Add(ex.Message);
            }
        }

        if (shown is not null)
        {
            snackbar.Remove(shown);
        }

        var undone = moves.Count - refused.Count;
        if (undone > 0)
        {
            snackbar.Add(moves.Count == 1 ? $"Undone: {moves[0].DisplayNumber} is {TicketRules.Label(moves[0].From)} again." : $"Undone: {undone} tickets are back where they were.",
                Severity.Info);
        }

        foreach (var reason in refused)
        {
            snackbar.Add(reason, Severity.Warning);
        }
    }
}
