namespace KtPortal.Domain.Reports;

/// <summary>
/// What one client has coming that no issued invoice carries yet: the open period's pending charges (its draft usage
/// invoice), billable time not on an issued invoice (logged and as charged), and staff's ad-hoc drafts not yet issued.
/// </summary>
public sealed record UnbilledRow(
    int ClientId, string ClientName, long PendingChargesMinor, int UnbilledMinutes, int UnbilledChargedMinutes, int DraftCount, long DraftsMinor);

public sealed record UnbilledReport(string Currency, IReadOnlyList<UnbilledRow> Rows)
{
    public long PendingChargesMinor => Rows.Sum(r => r.PendingChargesMinor);

    public int UnbilledChargedMinutes => Rows.Sum(r => r.UnbilledChargedMinutes);

    public long DraftsMinor => Rows.Sum(r => r.DraftsMinor);
}
