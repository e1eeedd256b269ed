namespace KtPortal.Domain.TimeTracking;

/// <summary>A staff member's running timer, kept on the server so it survives closed tabs and follows them across devices.</summary>
public sealed class RunningTimer
{
    /// <summary>The key: one running timer per person.</summary>
    public string StaffId { get; set; } = string.Empty;

    public int TicketId { get; set; }

    public DateTime StartedAtUtc { get; set; }
}
