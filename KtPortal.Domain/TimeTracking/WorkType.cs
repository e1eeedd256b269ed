namespace KtPortal.Domain.TimeTracking;

/// <summary>What kind of work a time entry is; it picks the hourly rate (billing-rules.md).</summary>
public enum WorkType
{
    Development,
    Support,
}
