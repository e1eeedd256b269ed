using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices;

/// <summary>What a recorded payment may be, and how an invoice's status follows its payments.</summary>
public static class PaymentRules
{
    public const int ReferenceMaxLength = 200;
    public const int DeleteReasonMaxLength = 500;

    /// <summary>The methods staff choose from (Stripe records its own; Offline is only what older payments say).</summary>
    public static readonly IReadOnlyList<PaymentMethod> StaffMethods =
        [PaymentMethod.BankTransfer, PaymentMethod.Card, PaymentMethod.Cash, PaymentMethod.Cheque, PaymentMethod.Other];

    public static string Label(PaymentMethod method) => method switch
    {
        PaymentMethod.Stripe => "Card (Stripe)",
        PaymentMethod.Offline => "Recorded by staff",
        PaymentMethod.BankTransfer => "Bank transfer",
        PaymentMethod.Card => "Card",
        PaymentMethod.Cash => "Cash",
        PaymentMethod.Cheque => "Cheque",
        _ => "Other",
    };

    /// <summary>Open for payment: issued, paid in part, or paid (a further payment is an overpayment, the client's credit).</summary>
    public static bool CanTakePayment(InvoiceStatus status) => status is InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid or InvoiceStatus.Paid;

    /// <summary>Issued or paid in part: money is still due.</summary>
    public static bool IsOpen(this InvoiceStatus status) => status is InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid;

    /// <summary>
    /// What is still to pay on an invoice that asks <paramref name="dueMinor"/> (its total less its credit notes, see
    /// <see cref="Invoice.DueMinor"/>) and has <paramref name="paidMinor"/> net of refunds; never below zero (more paid
    /// than due is credit, <see cref="Credit"/>).
    /// </summary>
    public static long Balance(long dueMinor, long paidMinor) => Math.Max(0, dueMinor - paidMinor);

    /// <summary>What was paid beyond what is due: the client's credit.</summary>
    public static long Credit(long dueMinor, long paidMinor) => Math.Max(0, paidMinor - dueMinor);

    public static void Validate(PaymentInput input, DateOnly today, DateOnly? issueDate)
    {
        ArgumentNullException.ThrowIfNull(input);
        new Validation()
            .Range(nameof(input.AmountMinor), input.AmountMinor, 1, InvoiceRules.MaxUnitPriceMinor, "The amount must be more than 0 and at most 1,000,000.00.")
            .Check(input.ReceivedOn <= today, nameof(input.ReceivedOn), "The payment date cannot be in the future.")
            .Check(issueDate is null || input.ReceivedOn >= issueDate.Value.AddYears(-1), nameof(input.ReceivedOn), "That date is more than a year before the invoice was issued.")
            .Check(StaffMethods.Contains(input.Method), nameof(input.Method), "Choose how it was paid.")
            .Check((input.Reference?.Trim().Length ?? 0) <= ReferenceMaxLength, nameof(input.Reference), $"The reference must be at most {ReferenceMaxLength} characters.")
            .ThrowIfInvalid();
    }

    /// <summary>
    /// Sets the invoice's paid sum and status from its live payments (net of refunds) and its credit notes: all of it
    /// credited → Credited; nothing paid → Issued; some → PartiallyPaid; all that is due (or more) → Paid, stamped with
    /// the moment it first became paid and the payment that did it.
    /// </summary>
    public static void Settle(Invoice invoice, IEnumerable<Payment> livePayments, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        // In the order they came; one not yet saved (Id 0) is the newest.
        var payments = livePayments.Where(p => !p.IsDeleted).OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id == 0 ? int.MaxValue : p.Id).ToList();
        invoice.PaidMinor = payments.Sum(p => p.NetMinor);
        if (invoice.CreditedMinor > 0 && invoice.CreditedMinor >= invoice.TotalMinor)
        {
            invoice.Status = InvoiceStatus.Credited;
            ClearPaid(invoice);
        }
        else if (invoice.PaidMinor > 0 && invoice.PaidMinor >= invoice.DueMinor)
        {
            if (invoice.Status != InvoiceStatus.Paid)
            {
                var last = payments.Last(p => p.NetMinor > 0);
                invoice.Status = InvoiceStatus.Paid;
                invoice.PaidAtUtc = nowUtc;
                invoice.PaidVia = last.Method;
                invoice.PaymentReference = last.Reference;
            }
        }
        else
        {
            invoice.Status = invoice.PaidMinor > 0 ? InvoiceStatus.PartiallyPaid : InvoiceStatus.Issued;
            ClearPaid(invoice);
        }

        invoice.UpdatedAtUtc = nowUtc;
        invoice.ConcurrencyStamp = Guid.NewGuid();
    }

    private static void ClearPaid(Invoice invoice)
    {
        invoice.PaidAtUtc = null;
        invoice.PaidVia = null;
        invoice.PaymentReference = null;
    }
}
