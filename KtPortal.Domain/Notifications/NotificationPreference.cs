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
}

/// <summary>How one user wants to hear about one event. No row means the default: e-mail and in-app.</summary>
public sealed class NotificationPreference
{
    public string UserId { get; set; } = string.Empty;

    public NotificationEvent Event { get; set; }

    public bool Email { get; set; } = true;

    public bool InApp { get; set; } = true;
}
