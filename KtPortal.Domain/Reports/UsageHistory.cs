using KtPortal.Domain.Invoices;

namespace KtPortal.Domain.Reports;

/// <summary>An invoice a billing period produced (plan fee or usage), for a link.</summary>
public sealed record PeriodInvoiceLink(int Id, string Number, InvoiceKind Kind, long TotalMinor, InvoiceStatus Status);

/// <summary>One period of a client's history: its usage and what was invoiced, and the invoices behind it.</summary>
public sealed record UsageHistoryRow(PlanPeriodRow Period, IReadOnlyList<PeriodInvoiceLink> Invoices);

/// <summary>
/// A client's last periods, newest first, for the client's own dashboard and the client page. Money (what was invoiced,
/// the invoices) only for readers who may see charges; otherwise those are zero and empty and <see cref="ShowsMoney"/> is false.
/// </summary>
public sealed record UsageHistory(int ClientId, string Currency, bool ShowsMoney, IReadOnlyList<UsageHistoryRow> Rows);
