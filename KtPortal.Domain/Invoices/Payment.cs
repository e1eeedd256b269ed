namespace KtPortal.Domain.Invoices;

/// <summary>
/// Money received against an invoice: by Stripe (amount from the event) or recorded by staff. Never edited; a mistake
/// is deleted with a reason (kept, audited) and recorded again.
/// </summary>
public sealed class Payment
{
    public int Id { get; set; }

    public int InvoiceId { get; set; }

    public int ClientId { get; set; }

    public long AmountMinor { get; set; }

    public string Currency { get; set; } = "USD";

    /// <summary>The portal-local day the money arrived.</summary>
    public DateOnly ReceivedOn { get; set; }

    public PaymentMethod Method { get; set; }

    /// <summary>What identifies it at the bank or at Stripe (a transfer reference, a cheque number, a payment intent).</summary>
    public string Reference { get; set; } = string.Empty;

    /// <summary>Stripe's payment intent (or session) id: unique per invoice, so the same Stripe payment is recorded once.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Null for Stripe (the system recorded it).</summary>
    public string? RecordedById { get; set; }

    public DateTime RecordedAtUtc { get; set; }

    /// <summary>What was given back on it (<see cref="PaymentRefund"/>); the payment counts for the rest.</summary>
    public long RefundedMinor { get; set; }

    /// <summary>What the payment still counts for.</summary>
    public long NetMinor => AmountMinor - RefundedMinor;

    public DateTime? DeletedAtUtc { get; set; }

    public string? DeletedById { get; set; }

    public string? DeleteReason { get; set; }

    public bool IsDeleted => DeletedAtUtc is not null;
}

/// <summary>What staff enter to record a payment; the amount in minor units.</summary>
public sealed record PaymentInput(long AmountMinor, DateOnly ReceivedOn, PaymentMethod Method, string? Reference);

/// <summary>A recorded payment as the invoice page lists it.</summary>
public sealed record PaymentView(
    int Id, long AmountMinor, DateOnly ReceivedOn, PaymentMethod Method, string Reference, DateTime RecordedAtUtc, bool IsDeleted, string? DeleteReason)
{
    /// <summary>What was given back on it.</summary>
    public long RefundedMinor { get; init; }
}
