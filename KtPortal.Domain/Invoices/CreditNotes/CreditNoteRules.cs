using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices.CreditNotes;

/// <summary>What a credit note may be: its number, its reason, its lines and how its tax is worked out.</summary>
public static class CreditNoteRules
{
    public const int ReasonMaxLength = 500;
    public const int MaxLines = 50;

    /// <summary>"CN-2026-0001": a sequence of their own, apart from the invoices', so neither has gaps.</summary>
    public static string FormatNumber(int year, int sequence) => $"CN-{year}-{sequence:0000}";

    internal static string SequenceName(int year) => $"credit-note-{year}";

    /// <summary>An invoice may be credited once issued and until credit notes took back all of it.</summary>
    public static bool CanCredit(InvoiceStatus status) => status is InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid or InvoiceStatus.Paid;

    /// <summary>What is left to credit on an invoice.</summary>
    public static long Creditable(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Math.Max(0, invoice.TotalMinor - invoice.CreditedMinor);
    }

    public static string RequireReason(string? reason)
    {
        var text = reason?.Trim() ?? string.Empty;
        new Validation().Required("Reason", text, "A reason", ReasonMaxLength).ThrowIfInvalid();
        return text;
    }

    /// <summary>The lines of a credit note standing alone: each described and above zero, at most <see cref="MaxLines"/>.</summary>
    public static List<CreditNoteLine> ValidateLines(IReadOnlyList<CreditNoteLineInput>? lines)
    {
        var given = lines ?? [];
        var validation = new Validation()
            .Check(given.Count > 0, "Lines", "Add at least one line.")
            .Check(given.Count <= MaxLines, "Lines", $"A credit note has at most {MaxLines} lines.");
        for (var i = 0; i < given.Count; i++)
        {
            validation
                .Required($"Lines[{i}].Description", given[i].Description?.Trim(), "A description", InvoiceRules.LineDescriptionMaxLength)
                .Range($"Lines[{i}].AmountMinor", given[i].AmountMinor, 1, InvoiceRules.MaxUnitPriceMinor, "The amount must be more than 0 and at most 1,000,000.00.");
        }

        validation.ThrowIfInvalid();
        return [.. given.Select((l, i) => new CreditNoteLine { Position = i + 1, Description = l.Description!.Trim(), AmountMinor = l.AmountMinor })];
    }

    /// <summary>Tax on top of the lines, as the invoice it credits charged it (or the client's rate for one standing alone).</summary>
    public static void ApplyTotals(CreditNote note, int taxBasisPoints)
    {
        ArgumentNullException.ThrowIfNull(note);
        note.SubtotalMinor = note.Lines.Sum(l => l.AmountMinor);
        note.TaxBasisPoints = taxBasisPoints;
        note.TaxMinor = BillingMath.Tax(note.SubtotalMinor, taxBasisPoints);
        note.TotalMinor = note.SubtotalMinor + note.TaxMinor;
    }

    /// <summary>
    /// The totals of a credit note taking back whole invoice lines: the lines' sum with the invoice's tax on it, except
    /// that the note crediting the last lines takes exactly what is left, so notes in parts add up to the total to the
    /// cent however each part's tax rounded. The issuing service and the dialog's preview both ask this.
    /// </summary>
    public static (long SubtotalMinor, long TaxMinor, long TotalMinor) LineCredit(
        long subtotalMinor, int taxBasisPoints, bool creditsTheLastLines, long creditableMinor)
    {
        var tax = BillingMath.Tax(subtotalMinor, taxBasisPoints);
        return creditsTheLastLines && creditableMinor >= subtotalMinor
            ? (subtotalMinor, creditableMinor - subtotalMinor, creditableMinor)
            : (subtotalMinor, tax, subtotalMinor + tax);
    }

    /// <summary>
    /// How a refund of <paramref name="amountMinor"/> splits: what was paid beyond the invoice's due amount goes back
    /// first with no credit note; the rest takes back what was billed, as a credit note (never more than is left to
    /// credit). The refund service and the dialog's preview both ask this.
    /// </summary>
    public static (long FromOverpaymentMinor, long CreditNoteMinor) RefundSplit(long dueMinor, long paidMinor, long creditableMinor, long amountMinor)
    {
        var overpaid = PaymentRules.Credit(dueMinor, paidMinor);
        var fromOverpayment = Math.Min(amountMinor, overpaid);
        return (fromOverpayment, Math.Min(Math.Max(0, amountMinor - overpaid), creditableMinor));
    }

    /// <summary>
    /// A refunded amount is money with its tax inside it: the credit note's total is that amount exactly, split into net
    /// and tax at the invoice's rate (net rounded half away from zero, tax what remains).
    /// </summary>
    public static (long SubtotalMinor, long TaxMinor) SplitInclusive(long totalMinor, int taxBasisPoints)
    {
        var net = (long)Math.Round(totalMinor * 10_000m / (10_000m + taxBasisPoints), MidpointRounding.AwayFromZero);
        return (net, totalMinor - net);
    }
}

/// <summary>A line staff write on a credit note standing alone; the amount before tax, in minor units.</summary>
public sealed record CreditNoteLineInput(string? Description, long AmountMinor);

/// <summary>A credit note standing alone: credit on the client's account, not tied to one invoice.</summary>
public sealed record StandaloneCreditNoteInput(int ClientId, IReadOnlyList<CreditNoteLineInput> Lines, string? Reason);

/// <summary>What staff enter to refund a payment: how much, the day the money went back, and why.</summary>
public sealed record RefundInput(long AmountMinor, DateOnly RefundedOn, string? Reason);
