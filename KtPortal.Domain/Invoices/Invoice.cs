namespace KtPortal.Domain.Invoices;

public enum InvoiceStatus
{
    Draft,
    Issued,
    Paid,
    Void,

    /// <summary>Issued, with payments that do not yet cover the total.</summary>
    PartiallyPaid,

    /// <summary>Credit notes took back the whole total: nothing is due, whatever was paid is the client's credit.</summary>
    Credited,
}

public enum InvoiceKind
{
    /// <summary>A period's monthly plan fee, issued in advance when the period opens.</summary>
    PlanFee,

    /// <summary>A period's overage and out-of-plan time, issued in arrears when the period closes.</summary>
    Usage,

    /// <summary>Written by staff.</summary>
    AdHoc,
}

/// <summary>How a payment came in. Stored by name; Offline is what "mark paid" recorded before payments had a method.</summary>
public enum PaymentMethod
{
    Stripe,
    Offline,
    BankTransfer,
    Card,
    Cash,
    Cheque,
    Other,
}

/// <summary>
/// An invoice (rule 5). Drafts have no number and can change; issuing assigns the next number of the issue year and
/// freezes everything (client details, lines, tax, dates). A mistake is voided, keeping its number, and reissued.
/// </summary>
public sealed class Invoice
{
    public int Id { get; set; }

    public int ClientId { get; set; }

    public InvoiceKind Kind { get; set; }

    public InvoiceStatus Status { get; set; }

    /// <summary>The period a plan-fee or usage invoice bills; null for ad-hoc invoices.</summary>
    public int? BillingPeriodId { get; set; }

    /// <summary>"INV-2026-0001"; null while a draft.</summary>
    public string? Number { get; set; }

    public int? NumberYear { get; set; }

    public int? NumberSequence { get; set; }

    public string Currency { get; set; } = "USD";

    /// <summary>Portal-local issue date, set at issue.</summary>
    public DateOnly? IssueDate { get; set; }

    /// <summary>Issue date plus the client's payment terms.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>The client's name and billing e-mail as they were when the invoice was issued.</summary>
    public string ClientName { get; set; } = string.Empty;

    public string BillingEmail { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Notes { get; set; } = string.Empty;

    public long SubtotalMinor { get; set; }

    public int TaxBasisPoints { get; set; }

    public long TaxMinor { get; set; }

    public long TotalMinor { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];

    /// <summary>A usage invoice's hours statement: each ticket of the period, frozen at issue.</summary>
    public List<HoursStatementRow> HoursStatement { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? IssuedAtUtc { get; set; }

    /// <summary>When the payments first covered the total (null while anything is due).</summary>
    public DateTime? PaidAtUtc { get; set; }

    /// <summary>The payments recorded against it less their refunds (deleted ones excluded); may exceed what is due.</summary>
    public long PaidMinor { get; set; }

    public List<Payment> Payments { get; set; } = [];

    /// <summary>The sum of the credit notes issued against it.</summary>
    public long CreditedMinor { get; set; }

    /// <summary>What the client owes for it in all: the total less what credit notes took back.</summary>
    public long DueMinor => TotalMinor - CreditedMinor;

    public PaymentMethod? PaidVia { get; set; }

    /// <summary>The reference of the payment that settled it (a Stripe payment intent, a bank reference).</summary>
    public string? PaymentReference { get; set; }

    public DateTime? VoidedAtUtc { get; set; }

    public string? VoidReason { get; set; }

    /// <summary>
    /// Who issued it, as it was that day (<see cref="InvoiceIssuerSnapshot"/>): the name, address, payment details and
    /// logo an issued invoice shows for good, whatever the agency's settings say later. Null on drafts and on invoices
    /// issued before it was kept (those show the current details).
    /// </summary>
    public string? IssuerSnapshot { get; set; }

    /// <summary>The idempotency key of the current Stripe Checkout Session, so a retried "Pay now" never makes two.</summary>
    public string? CheckoutIdempotencyKey { get; set; }

    public string? CheckoutSessionId { get; set; }

    public string? CheckoutUrl { get; set; }

    public DateTime? CheckoutExpiresAtUtc { get; set; }

    /// <summary>The last overdue reminder sent, in days past due (1, 7 or 14); 0 when none.</summary>
    public int OverdueReminderDays { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool IsDraft => Status == InvoiceStatus.Draft;
}

/// <summary>One line: hours at an hourly rate (minutes stored), or a quantity of items at a unit price.</summary>
public sealed class InvoiceLine
{
    public int Id { get; set; }

    public int InvoiceId { get; set; }

    public int Position { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary>Hours lines: the minutes billed. Null for item lines.</summary>
    public int? Minutes { get; set; }

    /// <summary>Item lines: how many. Null for hours lines.</summary>
    public int? Quantity { get; set; }

    /// <summary>Hourly rate for hours lines, unit price for item lines, in minor units.</summary>
    public long UnitPriceMinor { get; set; }

    public long AmountMinor { get; set; }

    /// <summary>The ticket a usage or from-ticket line bills, for links and the statement.</summary>
    public int? TicketNumber { get; set; }
}

/// <summary>One ticket's hours in the billed period, as the usage invoice's statement page lists them.</summary>
public sealed class HoursStatementRow
{
    public int TicketNumber { get; set; }

    public string Title { get; set; } = string.Empty;

    public bool Covered { get; set; }

    public int LoggedMinutes { get; set; }

    public int ChargedMinutes { get; set; }

    public int FromPlanMinutes { get; set; }

    public int OverageMinutes { get; set; }

    public int OutOfPlanMinutes { get; set; }

    /// <summary>Overage past what the client approved (billing-rules.md reading 24): shown, not billed.</summary>
    public int HeldMinutes { get; set; }
}

/// <summary>A Stripe event already handled; its id is the key, so a redelivery changes nothing.</summary>
public sealed class ProcessedWebhookEvent
{
    public string Id { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>What the portal did with it ("paid INV-2026-0004", "ignored: …").</summary>
    public string Outcome { get; set; } = string.Empty;
}
