using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Web.Features.TimeTracking;

/// <summary>What the time form holds while someone types; kept as typed when the service refuses it.</summary>
public sealed class TimeEntryFormModel
{
    public DateTime? WorkDate { get; set; }

    public string Duration { get; set; } = string.Empty;

    public WorkType WorkType { get; set; }

    public string Note { get; set; } = string.Empty;

    public bool Billable { get; set; } = true;

    public TimeEntryInput ToInput() =>
        new(DateOnly.FromDateTime(WorkDate ?? DateTime.MinValue), Duration, WorkType, Note, Billable);

    public static TimeEntryFormModel From(TimeEntryView entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new()
        {
            WorkDate = entry.WorkDate.ToDateTime(TimeOnly.MinValue),
            Duration = Hours.Format(entry.Minutes) + "h",
            WorkType = entry.WorkType,
            Note = entry.Note,
            Billable = entry.Billable,
        };
    }
}
