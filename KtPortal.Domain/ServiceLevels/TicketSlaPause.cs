namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// A span in which a ticket's clock stood still: it waited on the client, or was resolved or closed (a reopened ticket
/// picks up where it stopped). Opened and closed by <see cref="TicketSlaKeeper"/> as the status changes.
/// </summary>
public sealed class TicketSlaPause
{
    public long Id { get; set; }

    public int TicketId { get; set; }

    public DateTime FromUtc { get; set; }

    /// <summary>Null while the ticket still waits.</summary>
    public DateTime? ToUtc { get; set; }
}
