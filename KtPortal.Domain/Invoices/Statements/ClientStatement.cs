namespace KtPortal.Domain.Invoices.Statements;

public enum StatementEntryKind
{
    Invoice,
    Payment,
    Void,
}

/// <summary>One movement of a client's account: an invoice issued (debit), a payment received or an invoice voided (credit).</summary>
public sealed record StatementLine(
    DateOnly Date, StatementEntryKind Kind, string Reference, string Description, long DebitMinor, long CreditMinor, long BalanceMinor, int InvoiceId);

/// <summary>What is owed as of a day, by how long past due: not yet due (current), 1–30, 31–60, 61–90 and over 90 days.</summary>
public sealed record AgingBuckets(long CurrentMinor, long Days1To30Minor, long Days31To60Minor, long Days61To90Minor, long Over90Minor)
{
    public long TotalMinor => CurrentMinor + Days1To30Minor + Days31To60Minor + Days61To90Minor + Over90Minor;
}

/// <summary>
/// A client's account for a range of days: the opening balance, every movement in the range with the running balance,
/// the closing balance, and aging as of the last day. Closing = opening + invoiced − paid − credited; the aging total
/// less the unapplied credit (payments beyond an invoice's total) is the closing balance.
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
    long ClosingMinor,
    AgingBuckets Aging,
    long UnappliedCreditMinor);
