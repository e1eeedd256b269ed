using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>Reads invoices, always through <see cref="InvoiceScope"/>: another client's invoice simply does not exist.</summary>
public sealed class InvoiceQueries(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    TimeProvider clock,
    PortalSettings settings,
    AgencyProfile agency,
    IOnlinePayments onlinePayments)
{
    /// <summary>The list shows at most this many rows (newest first); the totals always cover everything the filter matches.</summary>
    public const int MaxRows = 500;

    public async Task<bool> CanViewInvoicesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Accounts.BillingAccess.CanSeeChargesAsync(db, actor, cancellationToken);
    }

    public async Task<InvoiceList> ListAsync(Actor actor, InvoiceFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var today = settings.Today(clock);
        var query = await InvoiceScope.VisibleAsync(db, actor, cancellationToken);
        if (filter.ClientId is { } clientId)
        {
            query = query.Where(i => i.ClientId == clientId);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.IssuedFrom is { } from)
        {
            query = query.Where(i => i.IssueDate >= from);
        }

        if (filter.IssuedTo is { } to)
        {
            query = query.Where(i => i.IssueDate <= to);
        }

        if (filter.OverdueOnly)
        {
            query = query.Where(i => (i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid) && i.DueDate < today);
        }

        var rows = await query
            .OrderBy(i => i.Status == InvoiceStatus.Draft ? 0 : 1)
            .ThenByDescending(i => i.NumberYear).ThenByDescending(i => i.NumberSequence).ThenByDescending(i => i.Id)
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        var names = await ClientNamesAsync(db, rows, cancellationToken);
        var items = rows.Select(i => Summarize(i, names, today)).ToList();

        // Totals over everything the filter matches that is still owed, not only the rows shown.
        var owed = await query.Where(i => i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid)
            .Select(i => new { Due = i.TotalMinor - i.CreditedMinor - i.PaidMinor, i.DueDate }).ToListAsync(cancellationToken);
        var overdue = owed.Where(o => o.DueDate < today).ToList();
        return new InvoiceList(items, owed.Sum(o => o.Due), owed.Count, overdue.Sum(o => o.Due), overdue.Count, settings.Currency);
    }

    /// <summary>The latest invoices of the actor's client for the dashboard (issued ones, newest first).</summary>
    public async Task<IReadOnlyList<InvoiceSummary>> RecentAsync(Actor actor, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var today = settings.Today(clock);
        var rows = await (await InvoiceScope.VisibleAsync(db, actor, cancellationToken))
            .Where(i => i.Status != InvoiceStatus.Draft)
            .OrderByDescending(i => i.IssuedAtUtc).ThenByDescending(i => i.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        var names = await ClientNamesAsync(db, rows, cancellationToken);
        return rows.Select(i => Summarize(i, names, today)).ToList();
    }

    /// <summary>The whole invoice, or null when it does not exist or the actor may not see it (pages answer 404).</summary>
    public async Task<InvoiceDocument?> GetAsync(Actor actor, int invoiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await (await InvoiceScope.VisibleAsync(db, actor, cancellationToken))
            .Include(i => i.Lines)
            .Include(i => i.Payments)
            .SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var period = invoice.BillingPeriodId is { } periodId
            ? await db.BillingPeriods.AsNoTracking().SingleAsync(p => p.Id == periodId, cancellationToken)
            : null;
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId, cancellationToken);
        var (creditNotes, refunds, creditedLines) = await CreditNotes.CreditNoteQueries.ForInvoiceAsync(db, invoice.Id, cancellationToken);
        var document = ToDocument(invoice, client, period, settings.Today(clock), agency) with
        {
            PayOnline = onlinePayments.IsEnabled && invoice.Status.IsOpen(),
            CreditNotes = creditNotes,
            Refunds = refunds,
            CreditedLinePositions = creditedLines,
        };
        return document.Agency.LogoId is { } logoId
            ? document with { Logo = await db.AgencyLogos.Where(l => l.Id == logoId).Select(l => l.Content).SingleOrDefaultAsync(cancellationToken) }
            : document;
    }

    /// <summary>The agency's current logo (PNG or JPEG bytes), for documents drawn outside an invoice (statements); null when none.</summary>
    internal async Task<byte[]?> AgencyLogoAsync(CancellationToken cancellationToken)
    {
        if (agency.LogoId is not { } logoId)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AgencyLogos.Where(l => l.Id == logoId).Select(l => l.Content).SingleOrDefaultAsync(cancellationToken);
    }

    internal static InvoiceDocument ToDocument(Invoice invoice, Clients.Client client, BillingPeriod? period, DateOnly today, AgencyProfile agency)
    {
        // A draft shows the client's current details and tax; an issued invoice what it was issued with.
        var draft = invoice.IsDraft;
        var taxBasisPoints = draft ? client.TaxRateBasisPoints : invoice.TaxBasisPoints;
        var subtotal = invoice.Lines.Sum(l => l.AmountMinor);
        var tax = draft ? BillingMath.Tax(subtotal, taxBasisPoints) : invoice.TaxMinor;
        return new InvoiceDocument(
            invoice.Id,
            invoice.Number,
            invoice.Kind,
            invoice.Status,
            invoice.Title,
            invoice.Notes,
            invoice.ClientId,
            draft ? client.Name : invoice.ClientName,
            draft ? client.BillingEmail : invoice.BillingEmail,
            invoice.Currency,
            invoice.IssueDate,
            invoice.DueDate,
            period?.Range,
            period?.HasPlan == true ? period.PlanName : null,
            invoice.Lines.OrderBy(l => l.Position)
                .Select(l => new InvoiceLineView(l.Position, l.Description, l.Minutes, l.Quantity, l.UnitPriceMinor, l.AmountMinor, l.TicketNumber))
                .ToList(),
            subtotal,
            taxBasisPoints,
            tax,
            subtotal + tax,
            invoice.HoursStatement
                .Select(r => new HoursStatementView(r.TicketNumber, r.Title, r.Covered, r.LoggedMinutes, r.ChargedMinutes, r.FromPlanMinutes, r.OverageMinutes, r.OutOfPlanMinutes, r.HeldMinutes))
                .ToList(),
            invoice.PaidAtUtc,
            invoice.PaidVia,
            invoice.PaymentReference,
            invoice.VoidedAtUtc,
            invoice.VoidReason,
            InvoiceSummary.OverdueDays(invoice.Status, invoice.DueDate, today),
            invoice.ConcurrencyStamp,
            draft ? agency : InvoiceIssuerSnapshot.Apply(agency, invoice.IssuerSnapshot))
        {
            PaidMinor = invoice.PaidMinor,
            CreditedMinor = invoice.CreditedMinor,
            Payments = [.. invoice.Payments.OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id)
                .Select(p => new PaymentView(p.Id, p.AmountMinor, p.ReceivedOn, p.Method, p.Reference, p.RecordedAtUtc, p.IsDeleted, p.DeleteReason) { RefundedMinor = p.RefundedMinor })],
        };
    }

    /// <summary>Issued invoices keep the client name they were issued to; drafts show the current one.</summary>
    private static InvoiceSummary Summarize(Invoice invoice, Dictionary<int, string> names, DateOnly today) =>
        InvoiceSummary.From(invoice, today) with { ClientName = invoice.IsDraft || invoice.ClientName.Length == 0 ? names[invoice.ClientId] : invoice.ClientName };

    private static async Task<Dictionary<int, string>> ClientNamesAsync(KtPortalDbContext db, IReadOnlyCollection<Invoice> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.ClientId).Distinct().ToList();
        return await db.Clients.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
    }
}
