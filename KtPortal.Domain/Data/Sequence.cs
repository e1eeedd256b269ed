namespace KtPortal.Domain.Data;

/// <summary>A named counter for human-facing numbers (tickets, later invoices) that are never reused.</summary>
public sealed class Sequence
{
    public const string TicketNumbers = "ticket";

    public string Name { get; set; } = string.Empty;

    public long NextValue { get; set; }
}
