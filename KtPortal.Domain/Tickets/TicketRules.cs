using KtPortal.Domain.Common;

namespace KtPortal.Domain.Tickets;

/// <summary>The ticket workflow and input limits, in one place so the UI can ask the same questions.</summary>
public static class TicketRules
{
    public const int TitleMaxLength = 200;

    /// <summary>Descriptions and replies: generous for pasted logs, small enough to keep pages and mail sane.</summary>
    public const int TextMaxLength = 50_000;

    /// <summary>A resolved ticket closes itself this long after resolution or the last public reply.</summary>
    public static readonly TimeSpan AutoCloseAfter = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a status change can be undone. The client's e-mail about it waits this long in the outbox, so an undo
    /// within it is never seen by the client; the board's Undo snackbar shows for a little less.
    /// </summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromSeconds(15);

    private static readonly Dictionary<TicketStatus, TicketStatus[]> StaffTransitions = new()
    {
        [TicketStatus.New] = [TicketStatus.InProgress, TicketStatus.WaitingOnClient, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.InProgress] = [TicketStatus.WaitingOnClient, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.WaitingOnClient] = [TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.Resolved] = [TicketStatus.InProgress, TicketStatus.Closed],
        [TicketStatus.Closed] = [TicketStatus.InProgress],
    };

    public static bool IsOpen(TicketStatus status) => status is not (TicketStatus.Resolved or TicketStatus.Closed);

    /// <summary>
    /// The statuses this actor may move a ticket to from <paramref name="from"/>. Staff work the whole
    /// workflow; client users may only close their ticket or reopen a resolved or closed one.
    /// </summary>
    public static IReadOnlyList<TicketStatus> AllowedTransitions(Actor actor, TicketStatus from)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsStaff)
        {
            return StaffTransitions[from];
        }

        return from switch
        {
            TicketStatus.Resolved => [TicketStatus.InProgress, TicketStatus.Closed],
            TicketStatus.Closed => [TicketStatus.InProgress],
            _ => [TicketStatus.Closed],
        };
    }

    public static bool CanTransition(Actor actor, TicketStatus from, TicketStatus to) => AllowedTransitions(actor, from).Contains(to);

    public static string Label(TicketStatus status) => status switch
    {
        TicketStatus.InProgress => "In Progress",
        TicketStatus.WaitingOnClient => "Waiting on Client",
        _ => status.ToString(),
    };

    public static string Label(TicketType type) => type == TicketType.ServiceRequest ? "Service Request" : "Troubleshooting";

    /// <summary>"Service Request · WordPress"; the support type once when it has the type's own name ("Troubleshooting").</summary>
    public static string Label(TicketType type, string? supportTypeName)
    {
        var label = Label(type);
        return string.IsNullOrWhiteSpace(supportTypeName) || string.Equals(label, supportTypeName.Trim(), StringComparison.OrdinalIgnoreCase)
            ? label
            : $"{label} · {supportTypeName}";
    }

    public static string Label(TicketSource source) => source == TicketSource.Email ? "E-mail" : source.ToString();
}
