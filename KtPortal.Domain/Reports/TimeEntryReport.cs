using KtPortal.Domain.TimeTracking;

namespace KtPortal.Domain.Reports;

/// <summary>
/// One time entry as a bookkeeper or payroll reads it: who, when, for which client and ticket, how long, and what it was
/// charged (the one-hour minimum applied once per ticket, by the billing engine) and on which invoice, if any yet.
/// </summary>
public sealed record TimeEntryRow(
    long Id, DateOnly Date, string StaffName, int ClientId, string ClientName, int TicketNumber, string TicketTitle, WorkType WorkType,
    int Minutes, bool Billable, int ChargedMinutes, string? InvoiceNumber);

public sealed record TimeEntryReport(DateOnly From, DateOnly To, IReadOnlyList<TimeEntryRow> Rows)
{
    /// <summary>The page shows at most this many rows (newest first); the totals and the CSV cover them all.</summary>
    public const int MaxShown = 500;

    public int Minutes => Rows.Sum(r => r.Minutes);

    public int BillableMinutes => Rows.Where(r => r.Billable).Sum(r => r.Minutes);

    public int ChargedMinutes => Rows.Sum(r => r.ChargedMinutes);
}
