using KtPortal.Domain.Invoices.Statements;

namespace KtPortal.Domain.Reports;

/// <summary>What one client owes on a day, aged as its statement ages it; <see cref="CreditMinor"/> is credit held for it.</summary>
public sealed record ReceivablesRow(int ClientId, string ClientName, long BalanceMinor, AgingBuckets Aging, long CreditMinor)
{
    public long OverdueMinor => Aging.TotalMinor - Aging.CurrentMinor;
}

public sealed record ReceivablesReport(DateOnly AsOf, string Currency, IReadOnlyList<ReceivablesRow> Rows)
{
    public long OutstandingMinor => Rows.Sum(r => r.Aging.TotalMinor);

    public long OverdueMinor => Rows.Sum(r => r.OverdueMinor);

    public AgingBuckets Aging => new(
        Rows.Sum(r => r.Aging.CurrentMinor), Rows.Sum(r => r.Aging.Days1To30Minor), Rows.Sum(r => r.Aging.Days31To60Minor),
        Rows.Sum(r => r.Aging.Days61To90Minor), Rows.Sum(r => r.Aging.Over90Minor));
}
