using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices;

/// <summary>A credit note as an invoice page or a list shows it.</summary>
public sealed record CreditNoteSummary(int Id, string Number, int ClientId, string ClientName, int? InvoiceId, string? InvoiceNumber, DateOnly IssueDate, string Reason, long TotalMinor, string Currency);

/// <summary>A refund as the invoice page lists it under its payment.</summary>
public sealed record RefundView(int Id, int PaymentId, long AmountMinor, DateOnly RefundedOn, string Reason, string? CreditNoteNumber, int? CreditNoteId);

public sealed record CreditNoteLineView(int Position, string Description, long AmountMinor);

/// <summary>Everything a credit note shows, on screen and on paper.</summary>
public sealed record CreditNoteDocument(
    int Id,
    string Number,
    int ClientId,
    string ClientName,
    string BillingEmail,
    int? InvoiceId,
    string? InvoiceNumber,
    string Currency,
    DateOnly IssueDate,
    string Reason,
    IReadOnlyList<CreditNoteLineView> Lines,
    long SubtotalMinor,
    int TaxBasisPoints,
    long TaxMinor,
    long TotalMinor,
    AgencyProfile Agency)
{
    public byte[]? Logo { get; init; }

    public string FileName => $"{Number}.pdf";
}
