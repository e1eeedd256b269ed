using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices.CreditNotes;

/// <summary>Reads credit notes through <see cref="CreditNoteScope"/>: another client's credit note simply does not exist.</summary>
public sealed class CreditNoteQueries(IDbContextFactory<KtPortalDbContext> contextFactory, AgencyProfile agency)
{
    /// <summary>The list shows at most this many, newest first.</summary>
    public const int MaxRows = 500;

    public async Task<IReadOnlyList<CreditNoteSummary>> ListAsync(Actor actor, int? clientId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = await CreditNoteScope.VisibleAsync(db, actor, cancellationToken);
        if (clientId is { } id)
        {
            query = query.Where(n => n.ClientId == id);
        }

        return await Summaries(db, query.OrderByDescending(n => n.NumberYear).ThenByDescending(n => n.NumberSequence).Take(MaxRows))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The whole credit note, or null when it does not exist or the actor may not see it (pages answer 404).</summary>
    public async Task<CreditNoteDocument?> GetAsync(Actor actor, int creditNoteId, bool includeLogo = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var note = await (await CreditNoteScope.VisibleAsync(db, actor, cancellationToken)).Include(n => n.Lines)
            .SingleOrDefaultAsync(n => n.Id == creditNoteId, cancellationToken);
        if (note is null)
        {
            return null;
        }

        var invoiceNumber = note.InvoiceId is { } invoiceId
            ? await db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.Number).SingleOrDefaultAsync(cancellationToken)
            : null;
        var document = new CreditNoteDocument(
            note.Id, note.Number, note.ClientId, note.ClientName, note.BillingEmail, note.InvoiceId, invoiceNumber, note.Currency, note.IssueDate, note.Reason,
            [.. note.Lines.OrderBy(l => l.Position).Select(l => new CreditNoteLineView(l.Position, l.Description, l.AmountMinor))],
            note.SubtotalMinor, note.TaxBasisPoints, note.TaxMinor, note.TotalMinor,
            InvoiceIssuerSnapshot.Apply(agency, note.IssuerSnapshot));
        return includeLogo && document.Agency.LogoId is { } logoId
            ? document with { Logo = await db.AgencyLogos.Where(l => l.Id == logoId).Select(l => l.Content).SingleOrDefaultAsync(cancellationToken) }
            : document;
    }

    /// <summary>The credit notes of one invoice and the refunds on its payments, for its page (the caller checked it may see the invoice).</summary>
    internal static async Task<(IReadOnlyList<CreditNoteSummary> Notes, IReadOnlyList<RefundView> Refunds, IReadOnlySet<int> CreditedLines)> ForInvoiceAsync(
        KtPortalDbContext db, int invoiceId, CancellationToken cancellationToken)
    {
        var notes = await Summaries(db, db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId == invoiceId).OrderBy(n => n.NumberYear).ThenBy(n => n.NumberSequence))
            .ToListAsync(cancellationToken);
        var refunds = await db.PaymentRefunds.AsNoTracking().Where(r => r.InvoiceId == invoiceId).OrderBy(r => r.RefundedOn).ThenBy(r => r.Id)
            .Select(r => new RefundView(r.Id, r.PaymentId, r.AmountMinor, r.RefundedOn, r.Reason,
                db.CreditNotes.Where(n => n.Id == r.CreditNoteId).Select(n => n.Number).FirstOrDefault(), r.CreditNoteId))
            .ToListAsync(cancellationToken);
        var creditedLines = await db.InvoiceLines.Where(l => l.InvoiceId == invoiceId && db.CreditNoteLines.Any(c => c.InvoiceLineId == l.Id))
            .Select(l => l.Position).ToListAsync(cancellationToken);
        return (notes, refunds, creditedLines.ToHashSet());
    }

    private static IQueryable<CreditNoteSummary> Summaries(KtPortalDbContext db, IQueryable<CreditNote> notes) =>
        notes.Select(n => new CreditNoteSummary(
            n.Id, n.Number, n.ClientId, n.ClientName, n.InvoiceId,
            db.Invoices.Where(i => i.Id == n.InvoiceId).Select(i => i.Number).FirstOrDefault(),
            n.IssueDate, n.Reason, n.TotalMinor, n.Currency));
}
