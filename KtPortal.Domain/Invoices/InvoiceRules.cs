using System.Globalization;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Domain.Invoices;

/// <summary>Rule 5's arithmetic and the limits of what an invoice may hold.</summary>
public static class InvoiceRules
{
    public const int TitleMaxLength = 200;
    public const int NotesMaxLength = 2000;
    public const int LineDescriptionMaxLength = 500;
    public const int MaxLines = 200;
    public const int MaxQuantity = 100_000;
    public const long MaxUnitPriceMinor = 100_000_000; // 1,000,000.00 in major units
    public const string DefaultPrefix = AgencyProfile.DefaultInvoicePrefix;

    /// <summary>Days past due at which an overdue reminder goes out, once each.</summary>
    public static readonly IReadOnlyList<int> ReminderDays = [1, 7, 14];

    /// <summary>"INV-2026-0001".</summary>
    public static string FormatNumber(string prefix, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{sequence:0000}");

    public static long LineAmount(int? minutes, int? quantity, long unitPriceMinor) =>
        minutes is { } m ? BillingMath.Amount(m, unitPriceMinor) : (quantity ?? 0) * unitPriceMinor;

    /// <summary>Recomputes the lines' amounts, the subtotal, tax and total (rounded once per line, then tax once).</summary>
    public static void ApplyTotals(Invoice invoice, int taxBasisPoints)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var position = 0;
        foreach (var line in invoice.Lines.OrderBy(l => l.Position))
        {
            line.Position = ++position;
            line.AmountMinor = LineAmount(line.Minutes, line.Quantity, line.UnitPriceMinor);
        }

        invoice.SubtotalMinor = invoice.Lines.Sum(l => l.AmountMinor);
        invoice.TaxBasisPoints = taxBasisPoints;
        invoice.TaxMinor = BillingMath.Tax(invoice.SubtotalMinor, taxBasisPoints);
        invoice.TotalMinor = invoice.SubtotalMinor + invoice.TaxMinor;
    }

    /// <summary>Checks a staff-written draft and turns its lines into entities; throws with field messages.</summary>
    internal static List<InvoiceLine> ValidateDraft(InvoiceDraftInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var validation = new Validation()
            .Check((input.Title?.Trim().Length ?? 0) <= TitleMaxLength, "Title", $"Title must be at most {TitleMaxLength} characters.")
            .Check((input.Notes?.Trim().Length ?? 0) <= NotesMaxLength, "Notes", $"Notes must be at most {NotesMaxLength} characters.")
            .Check(input.Lines.Count > 0, "Lines", "Add at least one line.")
            .Check(input.Lines.Count <= MaxLines, "Lines", $"An invoice has at most {MaxLines} lines.");
        var lines = new List<InvoiceLine>();
        for (var i = 0; i < input.Lines.Count && i < MaxLines; i++)
        {
            var line = input.Lines[i];
            var field = $"Lines[{i}]";
            var description = line.Description?.Trim() ?? string.Empty;
            validation.Check(description.Length > 0, $"{field}.Description", $"Line {i + 1}: enter a description.")
                .Check(description.Length <= LineDescriptionMaxLength, $"{field}.Description", $"Line {i + 1}: at most {LineDescriptionMaxLength} characters.");
            var priceOk = line.UnitPrice >= 0 && line.UnitPrice <= Money.ToMajor(MaxUnitPriceMinor) && decimal.Round(line.UnitPrice, 2) == line.UnitPrice;
            var price = priceOk ? Money.FromMajor(line.UnitPrice) : 0;
            validation.Check(priceOk,
                $"{field}.UnitPrice", $"Line {i + 1}: the price is 0 to 1,000,000 with at most two decimals.");
            int? minutes = null;
            int? quantity = null;
            if (line.IsHours)
            {
                if (DurationParser.TryParse(line.Quantity, out var m, out var error))
                {
                    minutes = m;
                }
                else
                {
                    validation.Add($"{field}.Quantity", $"Line {i + 1}: {error}");
                }
            }
            else if (int.TryParse(line.Quantity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is > 0 and <= MaxQuantity)
            {
                quantity = q;
            }
            else
            {
                validation.Add($"{field}.Quantity", $"Line {i + 1}: the quantity is a whole number from 1 to {MaxQuantity:N0}.");
            }

            lines.Add(new InvoiceLine
            {
                Description = description,
                Minutes = minutes,
                Quantity = quantity,
                UnitPriceMinor = price,
                TicketNumber = line.TicketNumber,
            });
        }

        validation.ThrowIfInvalid();
        return lines;
    }
}
