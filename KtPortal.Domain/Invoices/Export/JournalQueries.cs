using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices.Export;

public enum JournalEntryType
{
    Invoice,
    CreditNote,
    Payment,
    Refund,
    Void,
}

/// <summary>
/// One row of the accounting journal: a line of an invoice or credit note, a payment, a refund or a void, with the
/// account it posts to and net, tax and gross in minor units (always positive; <see cref="Type"/> says which way it goes).
/// </summary>
public sealed record JournalRow(
    DateOnly Date,
    JournalEntryType Type,
    string Number,
    string AppliesTo,
    int ClientId,
    string ClientName,
    string ClientEmail,
    string Description,
    string Account,
    string Quantity,
    long UnitAmountMinor,
    long NetMinor,
    int TaxBasisPoints,
    long TaxMinor,
    long GrossMinor,
    string Currency,
    DateOnly? DueDate,
    string PaymentMethod,
    string Reference);

/// <summary>
/// The journal a bookkeeper imports (<c>/invoices/export</c>): every invoice and credit note line, payment, refund and
/// void dated in a range, read from the same rows the statement reads, so each client's figures sum to its statement's
/// (invoiced, paid, credited and voided, refunded). An invoice's tax is spread over its lines in proportion, the last
/// line taking the remainder, so the lines add up to the invoice to the cent. Staff only.
/// </summary>
public sealed class JournalQueries(IDbContextFactory<KtPortalDbContext> contextFactory, PortalSettings settings)
{
    /// <summary>At most this many days (about a year and a day) in one export.</summary>
    public const int MaxDays = 370;

    public async Task<IReadOnlyList<JournalRow>> GetAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "export the accounting journal");
        new Validation()
            .Check(from <= to, "From", "The first day must not be after the last.")
            .Check(to.DayNumber - from.DayNumber < MaxDays, "To", $"An export covers at most {MaxDays} days.")
            .ThrowIfInvalid();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var clients = await db.Clients.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var rows = new List<JournalRow>();

        // Voids are dated by the portal-local day; read every voided invoice's stamp and keep those in range.
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.Status != InvoiceStatus.Draft && i.IssueDate != null && ((i.IssueDate >= from && i.IssueDate <= to) || i.VoidedAtUtc != null))
            .ToListAsync(cancellationToken);
        foreach (var invoice in invoices)
        {
            var account = JournalAccounts.Sales(invoice.Kind);
            if (invoice.IssueDate >= from && invoice.IssueDate <= to)
            {
                var lines = invoice.Lines.OrderBy(l => l.Position).ToList();
                var taxes = Spread(invoice.TaxMinor, [.. lines.Select(l => l.AmountMinor)]);
                for (var i = 0; i < lines.Count; i++)
                {
                    var line = lines[i];
                    rows.Add(new JournalRow(invoice.IssueDate.Value, JournalEntryType.Invoice, invoice.Number!, string.Empty, invoice.ClientId, invoice.ClientName,
                        invoice.BillingEmail, line.Description, account, line.Minutes is { } m ? Hours.FormatFixed(m) : (line.Quantity ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        line.UnitPriceMinor, line.AmountMinor, invoice.TaxBasisPoints, taxes[i], line.AmountMinor + taxes[i], invoice.Currency, invoice.DueDate,
                        string.Empty, string.Empty));
                }
            }

            if (invoice.VoidedAtUtc is { } voided && settings.LocalDate(new DateTimeOffset(voided, TimeSpan.Zero)) is var day && day >= from && day <= to)
            {
                rows.Add(new JournalRow(day, JournalEntryType.Void, invoice.Number!, invoice.Number!, invoice.ClientId, invoice.ClientName, invoice.BillingEmail,
                    $"Void: {invoice.VoidReason}", account, "1", invoice.SubtotalMinor, invoice.SubtotalMinor, invoice.TaxBasisPoints, invoice.TaxMinor, invoice.TotalMinor,
                    invoice.Currency, null, string.Empty, string.Empty));
            }
        }

        var numbers = await db.Invoices.AsNoTracking().Where(i => i.Number != null).ToDictionaryAsync(i => i.Id, i => new { i.Number, i.Kind }, cancellationToken);
        var notes = await db.CreditNotes.AsNoTracking().Include(n => n.Lines).Where(n => n.IssueDate >= from && n.IssueDate <= to).ToListAsync(cancellationToken);
        foreach (var note in notes)
        {
            var invoice = note.InvoiceId is { } id ? numbers.GetValueOrDefault(id) : null;
            var lines = note.Lines.OrderBy(l => l.Position).ToList();
            var taxes = Spread(note.TaxMinor, [.. lines.Select(l => l.AmountMinor)]);
            for (var i = 0; i < lines.Count; i++)
            {
                rows.Add(new JournalRow(note.IssueDate, JournalEntryType.CreditNote, note.Number, invoice?.Number ?? string.Empty, note.ClientId, note.ClientName,
                    note.BillingEmail, lines[i].Description, invoice is null ? JournalAccounts.Credits : JournalAccounts.Sales(invoice.Kind), "1", lines[i].AmountMinor,
                    lines[i].AmountMinor, note.TaxBasisPoints, taxes[i], lines[i].AmountMinor + taxes[i], note.Currency, null, string.Empty, note.Reason));
            }
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.DeletedAtUtc == null && p.ReceivedOn >= from && p.ReceivedOn <= to).ToListAsync(cancellationToken);
        foreach (var p in payments)
        {
            var number = numbers.GetValueOrDefault(p.InvoiceId)?.Number ?? string.Empty;
            rows.Add(new JournalRow(p.ReceivedOn, JournalEntryType.Payment, $"{number}-P{p.Id}", number, p.ClientId, clients.GetValueOrDefault(p.ClientId, string.Empty), string.Empty,
                $"Payment for {number}", JournalAccounts.Receipts(p.Method), "1", p.AmountMinor, p.AmountMinor, 0, 0, p.AmountMinor, p.Currency, null,
                PaymentRules.Label(p.Method), p.Reference));
        }

        var refunds = await db.PaymentRefunds.AsNoTracking().Where(r => r.RefundedOn >= from && r.RefundedOn <= to)
            .Join(db.Payments.Where(p => p.DeletedAtUtc == null), r => r.PaymentId, p => p.Id, (r, p) => new { Refund = r, p.Method })
            .ToListAsync(cancellationToken);
        foreach (var (r, method) in refunds.Select(x => (x.Refund, x.Method)))
        {
            var number = numbers.GetValueOrDefault(r.InvoiceId)?.Number ?? string.Empty;
            rows.Add(new JournalRow(r.RefundedOn, JournalEntryType.Refund, $"{number}-F{r.Id}", number, r.ClientId, clients.GetValueOrDefault(r.ClientId, string.Empty), string.Empty,
                $"Refund: {r.Reason}", JournalAccounts.Receipts(method), "1", r.AmountMinor, r.AmountMinor, 0, 0, r.AmountMinor, r.Currency, null,
                PaymentRules.Label(method), r.ExternalId ?? string.Empty));
        }

        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.Type).ThenBy(r => r.Number, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Spreads <paramref name="tax"/> over amounts in proportion (rounded half away from zero), the last taking what is
    /// left, so the parts always add up to the whole.
    /// </summary>
    internal static long[] Spread(long tax, IReadOnlyList<long> amounts)
    {
        var parts = new long[amounts.Count];
        var total = amounts.Sum();
        if (amounts.Count == 0)
        {
            return parts;
        }

        for (var i = 0; i < amounts.Count - 1; i++)
        {
            parts[i] = total == 0 ? 0 : (long)Math.Round(tax * (decimal)amounts[i] / total, MidpointRounding.AwayFromZero);
        }

        parts[^1] = tax - parts[..^1].Sum();
        return parts;
    }
}

/// <summary>The accounts rows post to, by name (the bookkeeper maps them to codes once, on the first import).</summary>
public static class JournalAccounts
{
    public const string Credits = "Sales - Credits";

    public static string Sales(InvoiceKind kind) => kind switch
    {
        InvoiceKind.PlanFee => "Sales - Plan fees",
        InvoiceKind.Usage => "Sales - Usage",
        _ => "Sales - Ad hoc",
    };

    /// <summary>Card payments through Stripe land in Stripe's balance first; everything else in the bank.</summary>
    public static string Receipts(PaymentMethod method) => method == PaymentMethod.Stripe ? "Stripe clearing" : "Bank";
}
