using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.TimeTracking;

/// <summary>What staff type into the time form. <see cref="WorkType"/> null means "from the ticket type".</summary>
public sealed record TimeEntryInput(DateOnly WorkDate, string Duration, WorkType? WorkType = null, string? Note = null, bool Billable = true);

/// <summary>A time entry as the ticket page lists it; <see cref="LockReason"/> says why it can no longer change.</summary>
public sealed record TimeEntryView(
    long Id,
    string StaffId,
    string StaffName,
    DateOnly WorkDate,
    int Minutes,
    WorkType WorkType,
    string Note,
    bool Billable,
    DateTime CreatedAtUtc,
    string? LockReason,
    Guid ConcurrencyStamp)
{
    public bool Locked => LockReason is not null;
}

/// <summary>A running timer as the app bar and ticket page show it.</summary>
public sealed record RunningTimerView(int TicketNumber, string TicketTitle, DateTime StartedAtUtc);

public static class WorkTypes
{
    /// <summary>billing-rules.md: Service Request → Development, Troubleshooting → Support.</summary>
    public static WorkType DefaultFor(TicketType type) => type == TicketType.ServiceRequest ? WorkType.Development : WorkType.Support;
}
