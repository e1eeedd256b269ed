using KtPortal.Domain.Common;
using KtPortal.Domain.Billing;

namespace KtPortal.Domain.Invoices;

/// <summary>A row of the invoice lists.</summary>
public sealed record InvoiceSummary(
    int Id,
    string? Number,
    int ClientId,
    string ClientName,
    InvoiceKind Kind,
    InvoiceStatus Status,
    string Title,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    long TotalMinor,
    string Currency,
    int DaysOverdue)
{
    /// <summary>"INV-2026-0004", or "Draft" before it is issued.</summary>
    public string DisplayNumber => Number ?? "Draft";

    internal static InvoiceSummary From(Invoice i, DateOnly today) => new(
        i.Id, i.Number, i.ClientId, i.ClientName, i.Kind, i.Status, i.Title, i.IssueDate, i.DueDate, i.TotalMinor, i.Currency,
        OverdueDays(i.Status, i.DueDate, today));

    internal static int OverdueDays(InvoiceStatus status, DateOnly? due, DateOnly today) =>
        status.IsOpen() && due is { } d && d < today ? today.DayNumber - d.DayNumber : 0;
}

/// <summary>A filtered list with the totals staff watch: outstanding (issued, unpaid) and overdue.</summary>
public sealed record InvoiceList(IReadOnlyList<InvoiceSummary> Items, long OutstandingMinor, int OutstandingCount, long OverdueMinor, int OverdueCount, string Currency);

public sealed record InvoiceLineView(int Position, string Description, int? Minutes, int? Quantity, long UnitPriceMinor, long AmountMinor, int? TicketNumber)
{
    public bool IsHours => Minutes is not null;

    /// <summary>Hours with two decimals ("1.50") or the whole quantity.</summary>
    public string QuantityText => Minutes is { } m ? Hours.FormatFixed(m) : (Quantity ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record HoursStatementView(int TicketNumber, string Title, bool Covered, int LoggedMinutes, int ChargedMinutes, int FromPlanMinutes, int OverageMinutes, int OutOfPlanMinutes, int HeldMinutes = 0);

/// <summary>Everything an invoice shows, on screen and on paper.</summary>
public sealed record InvoiceDocument(
    int Id,
    string? Number,
    InvoiceKind Kind,
    InvoiceStatus Status,
    string Title,
    string Notes,
    int ClientId,
    string ClientName,
    string BillingEmail,
    string Currency,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    BillingPeriodRange? Period,
    string? PlanName,
    IReadOnlyList<InvoiceLineView> Lines,
    long SubtotalMinor,
    int TaxBasisPoints,
    long TaxMinor,
    long TotalMinor,
    IReadOnlyList<HoursStatementView> HoursStatement,
    DateTime? PaidAtUtc,
    PaymentMethod? PaidVia,
    string? PaymentReference,
    DateTime? VoidedAtUtc,
    string? VoidReason,
    int DaysOverdue,
    Guid ConcurrencyStamp,
    AgencyProfile Agency)
{
    public string DisplayNumber => Number ?? "Draft";

    /// <summary>The logo <see cref="Agency"/> names (PNG or JPEG bytes), drawn at the top of the first page.</summary>
    public byte[]? Logo { get; init; }

    /// <summary>True when online payment is set up and this invoice can be paid now: the only case for a pay link.</summary>
    public bool PayOnline { get; init; }

    /// <summary>The sum of its live payments.</summary>
    public long PaidMinor { get; init; }

    /// <summary>Every payment recorded against it, deleted ones included (marked), oldest first.</summary>
    public IReadOnlyList<PaymentView> Payments { get; init; } = [];

    /// <summary>What is still to pay (never below zero).</summary>
    public long BalanceMinor => Status is InvoiceStatus.Void or InvoiceStatus.Draft ? 0 : PaymentRules.Balance(TotalMinor - CreditedMinor, PaidMinor);

    /// <summary>What was paid beyond the total: the client's credit.</summary>
    public long CreditMinor => PaymentRules.Credit(TotalMinor - CreditedMinor, PaidMinor);

    /// <summary>What credit notes took back from it.</summary>
    public long CreditedMinor { get; init; }

    /// <summary>The credit notes issued against it, oldest first.</summary>
    public IReadOnlyList<CreditNoteSummary> CreditNotes { get; init; } = [];

    /// <summary>Every refund given on its payments, oldest first.</summary>
    public IReadOnlyList<RefundView> Refunds { get; init; } = [];

    /// <summary>The positions of the lines a credit note already took back (each can be credited once).</summary>
    public IReadOnlySet<int> CreditedLinePositions { get; init; } = new HashSet<int>();

    /// <summary>What is left to credit.</summary>
    public long CreditableMinor => Math.Max(0, TotalMinor - CreditedMinor);

    public bool IsOverdue => DaysOverdue > 0;

    public string PayUrl => Agency.InvoiceUrl(Id);

    /// <summary>The file name of its PDF: "INV-2026-0004.pdf" or "draft-12.pdf".</summary>
    public string FileName => Number is null ? $"draft-{Id}.pdf" : $"{Number}.pdf";
}
