using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Invoices;

/// <summary>What the invoice editor holds while staff type; kept as typed when the service refuses it.</summary>
public sealed class InvoiceFormModel
{
    public int? ClientId { get; set; }

    public string? Title { get; set; }

    public string? Notes { get; set; }

    public List<InvoiceLineFormModel> Lines { get; set; } = [new()];

    /// <summary>The draft for the invoice service; a price that is not a number is refused here, with its line's field.</summary>
    public InvoiceDraftInput ToInput()
    {
        var validation = new Validation();
        var lines = Lines.Select((l, i) => new InvoiceLineInput(l.Description, l.IsHours, l.Quantity,
            FormNumbers.Money(validation, $"Lines[{i}].UnitPrice", $"line {i + 1} price", l.UnitPrice) ?? 0m, l.TicketNumber)).ToList();
        validation.ThrowIfInvalid();
        return new(ClientId ?? 0, Title, Notes, lines);
    }

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
            UnitPrice = FormNumbers.MoneyText(l.UnitPriceMinor),
            TicketNumber = l.TicketNumber,
        })],
    };
}

public sealed class InvoiceLineFormModel
{
    public string? Description { get; set; }

    public bool IsHours { get; set; } = true;

    public string? Quantity { get; set; } = "1";

    /// <summary>As typed; read strictly on save (a negative price reaches the service, which refuses it).</summary>
    public string? UnitPrice { get; set; } = "0";

    public int? TicketNumber { get; set; }

    /// <summary>The amount as the service will compute it, for the running total; null while the quantity does not parse.</summary>
    public long? PreviewAmountMinor()
    {
        var ignored = new Validation();
        if (FormNumbers.Money(ignored, "price", "price", UnitPrice) is not { } major || major is < 0 or > 1_000_000)
        {
            return null;
        }

        var price = Money.FromMajor(major);
        if (IsHours)
        {
            return KtPortal.Domain.TimeTracking.DurationParser.TryParse(Quantity, out var minutes, out _) ? InvoiceRules.LineAmount(minutes, null, price) : null;
        }

        return int.TryParse(Quantity, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var quantity)
            ? InvoiceRules.LineAmount(null, quantity, price)
            : null;
    }
}
