namespace KtPortal.Domain.Notifications;

/// <summary>The events a user can choose how to hear about. Stored by name; add new ones at the end.</summary>
public enum NotificationEvent
{
    TicketCreated,
    TicketReply,
    TicketStatusChanged,
    PlanUsage,
    InvoiceIssued,
    PaymentReceived,
    InvoiceOverdue,
    QuoteSent,
    QuoteAnswered,

    /// <summary>The one-page report when a period closes. Opt-in: off until the person turns it on.</summary>
    MonthlyReport,

    /// <summary>A ticket's service-level target is at risk (75 % used) or breached: its assignee, or all staff while unassigned.</summary>
    ServiceLevel,
}

/// <summary>What a person hears about an event they never chose for: both, except for the opt-in events.</summary>
public static class NotificationDefaults
{
    public static bool IsOn(NotificationEvent notificationEvent) => notificationEvent != NotificationEvent.MonthlyReport;
}

/// <summary>How one user wants to hear about one event. No row means the default (<see cref="NotificationDefaults"/>).</summary>
public sealed class NotificationPreference
{
    public string UserId { get; set; } = string.Empty;

    public NotificationEvent Event { get; set; }

    public bool Email { get; set; } = true;

    public bool InApp { get; set; } = true;
}
