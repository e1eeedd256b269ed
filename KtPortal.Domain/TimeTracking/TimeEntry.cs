namespace KtPortal.Domain.TimeTracking;

/// <summary>Time a staff member worked on a ticket. Minutes 1..1440, work date in portal time.</summary>
public sealed class TimeEntry
{
    public const int MinMinutes = 1;
    public const int MaxMinutes = 1440;
    public const int NoteMaxLength = 2000;

    public long Id { get; set; }

    public int TicketId { get; set; }

    /// <summary>The ticket's client, copied so reports sum a client's time from an index alone; kept by <see cref="TimeEntryKeeper"/>.</summary>
    public int ClientId { get; set; }

    /// <summary>The ticket's support type (what decides plan coverage), copied and kept like <see cref="ClientId"/>.</summary>
    public int SupportTypeId { get; set; }

    public string StaffId { get; set; } = string.Empty;

    public DateOnly WorkDate { get; set; }

    public int Minutes { get; set; }

    public WorkType WorkType { get; set; }

    public string Note { get; set; } = string.Empty;

    public bool Billable { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// What rule 1 charges this entry (<see cref="OneHourMinimum"/>), stored so that reports sum it in the database
    /// instead of replaying every ticket's life. Never set by hand: <see cref="TimeEntryKeeper"/> rewrites a
    /// ticket's charges in the transaction that adds, edits or deletes its time.
    /// </summary>
    public int ChargedMinutes { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>The invoice that bills this entry (rule 5): set when it is issued, or when staff bill the ticket's time ad hoc.</summary>
    public int? InvoiceId { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
