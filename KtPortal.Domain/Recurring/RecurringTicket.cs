using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Recurring;

public enum RecurrenceKind
{
    /// <summary>On day N of every month, or of every N months.</summary>
    Monthly,

    /// <summary>On one weekday, every week.</summary>
    Weekly,
}

/// <summary>
/// Maintenance work that comes back on a schedule for one client: a ticket template (title, description, checklist,
/// type, support type, priority, assignee) and when it recurs. A Quartz job raises one ticket per occurrence
/// (<see cref="RecurringOccurrence"/>), catching up missed ones after downtime.
/// </summary>
public sealed class RecurringTicket
{
    public const int ChecklistMaxItems = 50;

    public int Id { get; set; }

    public int ClientId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>One checklist item per line; each raised ticket gets them as its checklist.</summary>
    public string Checklist { get; set; } = string.Empty;

    public TicketType Type { get; set; }

    public int SupportTypeId { get; set; }

    public TicketPriority Priority { get; set; } = TicketPriority.Normal;

    public string? AssigneeId { get; set; }

    public RecurrenceKind Kind { get; set; }

    /// <summary>Monthly: the day of the month, 1–28 (every month has it).</summary>
    public int DayOfMonth { get; set; } = 1;

    /// <summary>Monthly: every this many months (1 = monthly, 3 = quarterly), counted from the start date's month.</summary>
    public int IntervalMonths { get; set; } = 1;

    /// <summary>Weekly: the weekday.</summary>
    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Monday;

    /// <summary>The first day an occurrence may fall on (portal-local).</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>No occurrence on or after this day; null: no end.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>Paused templates raise nothing; occurrences missed while paused are not caught up.</summary>
    public bool IsPaused { get; set; }

    /// <summary>
    /// The day from which occurrences are raised: the later of the start date and the day it was created or last resumed,
    /// so a template never backfills history it did not exist for.
    /// </summary>
    public DateOnly ActiveFrom { get; set; }

    public string CreatedById { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public IReadOnlyList<string> ChecklistItems() =>
        [.. Checklist.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 0)];
}

/// <summary>One occurrence raised: unique per template and day, written in the transaction that raises its ticket.</summary>
public sealed class RecurringOccurrence
{
    public long Id { get; set; }

    public int RecurringTicketId { get; set; }

    public DateOnly Date { get; set; }

    public int TicketId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
