using System.Globalization;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices;

/// <summary>What a credit note says in words and figures: one source for its PDF and its page.</summary>
public static class CreditNoteWording
{
    public static IReadOnlyList<(string Label, string Value, bool Strong)> Totals(CreditNoteDocument note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var tax = note.TaxBasisPoints == 0 ? "Tax" : $"Tax ({(note.TaxBasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture)}%)";
        return
        [
            ("Subtotal", "−" + Money.Format(note.SubtotalMinor, note.Currency), false),
            (tax, "−" + Money.Format(note.TaxMinor, note.Currency), false),
            ($"Credit total ({note.Currency})", "−" + Money.Format(note.TotalMinor, note.Currency), true),
        ];
    }

    /// <summary>What the client should understand: which invoice it lowers, or that it is credit on their account.</summary>
    public static string Meaning(CreditNoteDocument note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var amount = Money.Format(note.TotalMinor, note.Currency);
        return note.InvoiceNumber is { } invoice
            ? $"This credit note lowers what is owed on invoice {invoice} by {amount}. If that invoice was already paid, the amount is credit on your account or was refunded to you."
            : $"{amount} is credit on your account with {note.Agency.Name}; it counts against what you owe, as your statement shows.";
    }
}
