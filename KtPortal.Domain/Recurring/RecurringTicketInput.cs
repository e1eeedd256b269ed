using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Recurring;

public sealed record RecurringTicketInput(
    string Title,
    string Description,
    string? Checklist,
    TicketType Type,
    int SupportTypeId,
    TicketPriority Priority,
    string? AssigneeId,
    RecurrenceKind Kind,
    int DayOfMonth,
    int IntervalMonths,
    DayOfWeek DayOfWeek,
    DateOnly? StartDate,
    DateOnly? EndDate);

public sealed record RecurringTicketView(RecurringTicket Template, string? AssigneeName, DateOnly? NextOccurrence, int Raised, string Schedule);
