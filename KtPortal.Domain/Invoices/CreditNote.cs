namespace KtPortal.Domain.Invoices;

/// <summary>
/// A credit note: money the agency takes back from what it billed. Issued at once and never changed, with its own
/// gapless number per year ("CN-2026-0001"). Linked to an invoice, it credits some or all of that invoice's lines (or
/// a refunded amount) and lowers the invoice's balance; standing alone, it is credit on the client's account.
/// </summary>
public sealed class CreditNote
{
    public int Id { get; set; }

    public int ClientId { get; set; }

    /// <summary>The invoice it credits; null for a credit note standing alone.</summary>
    public int? InvoiceId { get; set; }

    public string Number { get; set; } = string.Empty;

    public int NumberYear { get; set; }

    public int NumberSequence { get; set; }

    public string Currency { get; set; } = "USD";

    /// <summary>Portal-local day of issue.</summary>
    public DateOnly IssueDate { get; set; }

    public DateTime IssuedAtUtc { get; set; }

    /// <summary>Null when the system issued it (a Stripe refund).</summary>
    public string? IssuedById { get; set; }

    /// <summary>The client's name and billing e-mail as they were on the day.</summary>
    public string ClientName { get; set; } = string.Empty;

    public string BillingEmail { get; set; } = string.Empty;

    /// <summary>Why the money is credited, as the client reads it.</summary>
    public string Reason { get; set; } = string.Empty;

    public long SubtotalMinor { get; set; }

    public int TaxBasisPoints { get; set; }

    public long TaxMinor { get; set; }

    public long TotalMinor { get; set; }

    public List<CreditNoteLine> Lines { get; set; } = [];

    /// <summary>Who issued it, frozen like an invoice's (<see cref="InvoiceIssuerSnapshot"/>).</summary>
    public string? IssuerSnapshot { get; set; }
}

/// <summary>One credited amount: an invoice line taken back whole, a refund, or a line written for a standing-alone note.</summary>
public sealed class CreditNoteLine
{
    public int Id { get; set; }

    public int CreditNoteId { get; set; }

    public int Position { get; set; }

    public string Description { get; set; } = string.Empty;

    public long AmountMinor { get; set; }

    /// <summary>The invoice line it takes back; a line is credited at most once.</summary>
    public int? InvoiceLineId { get; set; }
}

/// <summary>Money given back on a payment: by staff, or by Stripe (<c>charge.refunded</c>). Never edited.</summary>
public sealed class PaymentRefund
{
    public int Id { get; set; }

    public int PaymentId { get; set; }

    public int InvoiceId { get; set; }

    public int ClientId { get; set; }

    public long AmountMinor { get; set; }

    public string Currency { get; set; } = "USD";

    /// <summary>The portal-local day the money went back.</summary>
    public DateOnly RefundedOn { get; set; }

    public string Reason { get; set; } = string.Empty;

    /// <summary>What Stripe knows it by ("ch_…:1500", the charge and its refunded total); unique, so it is recorded once.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The credit note issued with it; null when it only gave back an overpayment.</summary>
    public int? CreditNoteId { get; set; }

    public string? RecordedById { get; set; }

    public DateTime RecordedAtUtc { get; set; }
}
