namespace KtPortal.Domain.Reports;

/// <summary>What a revenue figure comes from: the invoice kinds, and credit notes (negative).</summary>
public enum RevenueKind
{
    PlanFee,
    Usage,
    AdHoc,
    CreditNote,
}

/// <summary>
/// One month, client and kind: invoiced net of tax and the tax on it (less voids and credit notes in that month), and
/// what was collected (payments less refunds, by the day the money moved). Minor units.
/// </summary>
public sealed record RevenueRow(DateOnly Month, int ClientId, string ClientName, RevenueKind Kind, long InvoicedMinor, long TaxMinor, long CollectedMinor);

/// <summary>The revenue of a range of days: rows by month, client and kind, and the months in order (empty ones too).</summary>
public sealed record RevenueReport(DateOnly From, DateOnly To, string Currency, IReadOnlyList<DateOnly> Months, IReadOnlyList<RevenueRow> Rows)
{
    public long InvoicedMinor => Rows.Sum(r => r.InvoicedMinor);

    public long TaxMinor => Rows.Sum(r => r.TaxMinor);

    public long CollectedMinor => Rows.Sum(r => r.CollectedMinor);

    /// <summary>Invoiced net of tax in <paramref name="month"/> from <paramref name="kind"/>.</summary>
    public long Invoiced(DateOnly month, RevenueKind kind) => Rows.Where(r => r.Month == month && r.Kind == kind).Sum(r => r.InvoicedMinor);

    public long Collected(DateOnly month) => Rows.Where(r => r.Month == month).Sum(r => r.CollectedMinor);

    /// <summary>Per client over the whole range, largest invoiced first.</summary>
    public IReadOnlyList<(int ClientId, string ClientName, long InvoicedMinor, long TaxMinor, long CollectedMinor)> ByClient() =>
        [.. Rows.GroupBy(r => (r.ClientId, r.ClientName))
            .Select(g => (g.Key.ClientId, g.Key.ClientName, g.Sum(r => r.InvoicedMinor), g.Sum(r => r.TaxMinor), g.Sum(r => r.CollectedMinor)))
            .OrderByDescending(c => c.Item3).ThenBy(c => c.ClientName, StringComparer.OrdinalIgnoreCase)];

    public static string KindLabel(RevenueKind kind) => kind switch
    {
        RevenueKind.PlanFee => "Plan fees",
        RevenueKind.Usage => "Usage",
        RevenueKind.AdHoc => "Ad hoc",
        _ => "Credit notes",
    };

    /// <summary>The CSV's kind column: plan_fee, usage, ad_hoc, credit_note.</summary>
    public static string KindCode(RevenueKind kind) => kind switch
    {
        RevenueKind.PlanFee => "plan_fee",
        RevenueKind.Usage => "usage",
        RevenueKind.AdHoc => "ad_hoc",
        _ => "credit_note",
    };
}
