using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;

namespace KtPortal.Web.Features.Invoices;

/// <summary>What the invoice editor holds while staff type; kept as typed when the service refuses it.</summary>
public sealed class InvoiceFormModel
{
    public int? ClientId { get; set; }

    public string? Title { get; set; }

    public string? Notes { get; set; }

    public List<InvoiceLineFormModel> Lines { get; set; } = [new()];

    public InvoiceDraftInput ToInput() =>
        new(ClientId ?? 0, Title, Notes, [.. Lines.Select(l => new InvoiceLineInput(l.Description, l.IsHours, l.Quantity, l.UnitPrice, l.TicketNumber))]);

    public static InvoiceFormModel From(InvoiceDocument invoice) => new()
    {
        ClientId = invoice.ClientId,
        Title = invoice.Title,
        Notes = invoice.Notes,
        Lines = [.. invoice.Lines.Select(l => new InvoiceLineFormModel
        {
            Description = l.Description,
            IsHours = l.IsHours,
            Quantity = l.Minutes is { } minutes ? Hours.Format(minutes) : l.QuantityText,
            UnitPrice = Money.ToMajor(l.UnitPriceMinor),
            TicketNumber = l.TicketNumber,
        })],
    };
}

public sealed class InvoiceLineFormModel
{
    public string? Description { get; set; }

    public bool IsHours { get; set; } = true;

    public string? Quantity { get; set; } = "1";

    public decimal UnitPrice { get; set; }

    public int? TicketNumber { get; set; }

    /// <summary>The amount as the service will compute it, for the running total; null while the quantity does not parse.</summary>
    public long? PreviewAmountMinor()
    {
        if (UnitPrice is < 0 or > 1_000_000)
        {
            return null;
        }

        var price = Money.FromMajor(UnitPrice);
        if (IsHours)
        {
            return KtPortal.Domain.TimeTracking.DurationParser.TryParse(Quantity, out var minutes, out _) ? InvoiceRules.LineAmount(minutes, null, price) : null;
        }

        return int.TryParse(Quantity, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var quantity)
            ? InvoiceRules.LineAmount(null, quantity, price)
            : null;
    }
}
