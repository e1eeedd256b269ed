namespace KtPortal.Domain.Invoices.Statements;

public enum StatementEntryKind
{
    Invoice,
    Payment,
    Void,
    CreditNote,
    Refund,
}

/// <summary>
/// One movement of a client's account: an invoice issued or money refunded (debit); a payment received, a credit note
/// issued or an invoice voided (credit). <paramref name="InvoiceId"/> is 0 for a credit note standing alone.
/// </summary>
public sealed record StatementLine(
    DateOnly Date, StatementEntryKind Kind, string Reference, string Description, long DebitMinor, long CreditMinor, long BalanceMinor, int InvoiceId)
{
    /// <summary>The credit note's id on a credit note line (its page and PDF); the invoice's otherwise.</summary>
    public int DocumentId { get; init; }
}

/// <summary>What is owed as of a day, by how long past due: not yet due (current), 1–30, 31–60, 61–90 and over 90 days.</summary>
public sealed record AgingBuckets(long CurrentMinor, long Days1To30Minor, long Days31To60Minor, long Days61To90Minor, long Over90Minor)
{
    public long TotalMinor => CurrentMinor + Days1To30Minor + Days31To60Minor + Days61To90Minor + Over90Minor;
}

/// <summary>
/// A client's account for a range of days: the opening balance, every movement in the range with the running balance,
/// the closing balance, and aging as of the last day. Closing = opening + invoiced + refunded − paid − credited (credit
/// notes and voids); the aging total less the unapplied credit (payments beyond what an invoice asks, and credit notes
/// standing alone) is the closing balance.
/// </summary>
public sealed record ClientStatement(
    int ClientId,
    string ClientName,
    string Currency,
    DateOnly From,
    DateOnly To,
    long OpeningMinor,
    IReadOnlyList<StatementLine> Lines,
    long InvoicedMinor,
    long PaidMinor,
    long CreditedMinor,
    long RefundedMinor,
    long ClosingMinor,
    AgingBuckets Aging,
    long UnappliedCreditMinor)
{
    /// <summary>Whether the client gets this statement e-mailed on the 1st for the month before.</summary>
    public bool MonthlyByEmail { get; init; }
}
