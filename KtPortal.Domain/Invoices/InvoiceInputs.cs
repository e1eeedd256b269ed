namespace KtPortal.Domain.Invoices;

/// <summary>
/// A line as staff type it: hours ("1:30", "1.5h", "2") at an hourly rate, or a whole quantity at a unit price.
/// Prices are in major units (120.00).
/// </summary>
public sealed record InvoiceLineInput(string? Description, bool IsHours, string? Quantity, decimal UnitPrice, int? TicketNumber = null);

/// <summary>An ad-hoc invoice draft.</summary>
public sealed record InvoiceDraftInput(int ClientId, string? Title, string? Notes, IReadOnlyList<InvoiceLineInput> Lines);

/// <summary>Filters of the invoice list; null means any.</summary>
public sealed record InvoiceFilter(
    int? ClientId = null,
    InvoiceStatus? Status = null,
    InvoiceKind? Kind = null,
    DateOnly? IssuedFrom = null,
    DateOnly? IssuedTo = null,
    bool OverdueOnly = false);
