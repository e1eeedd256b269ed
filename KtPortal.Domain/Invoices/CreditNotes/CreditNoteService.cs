using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices.CreditNotes;

/// <summary>
/// Staff take money back: a credit note on some or all of an invoice's lines, a credit note standing alone (credit on
/// the client's account), or a refund of a payment (with the credit note it needs). Each is issued at once and never
/// changed; numbers come from their own gapless sequence.
/// </summary>
public sealed class CreditNoteService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    PortalSettings settings,
    AgencyProfile agency,
    Audit.AuditTrail audit)
{
    /// <summary>Credits the invoice lines at <paramref name="linePositions"/>, each whole, with the invoice's tax.</summary>
    public async Task<int> CreditInvoiceAsync(
        Actor actor, int invoiceId, IReadOnlyCollection<int> linePositions, string? reason, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "issue credit notes");
        ArgumentNullException.ThrowIfNull(linePositions);
        var why = CreditNoteRules.RequireReason(reason);
        var (note, invoice) = await SequenceAllocator.RetryOnConflictAsync(async () =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var invoice = await LoadCreditableAsync(db, invoiceId, concurrencyStamp, cancellationToken);
            var credited = await db.CreditNoteLines.Where(l => l.InvoiceLineId != null && invoice.Lines.Select(i => i.Id).Contains(l.InvoiceLineId.Value))
                .Select(l => l.InvoiceLineId!.Value).ToListAsync(cancellationToken);
            var chosen = invoice.Lines.Where(l => linePositions.Contains(l.Position)).OrderBy(l => l.Position).ToList();
            new Validation()
                .Check(chosen.Count > 0, "Lines", "Choose at least one line to credit.")
                .Check(chosen.Count == linePositions.Distinct().Count(), "Lines", "One of the chosen lines is not on this invoice.")
                .Check(!chosen.Any(l => credited.Contains(l.Id)), "Lines", "One of the chosen lines was already credited.")
                .ThrowIfInvalid();

            var note = new CreditNote
            {
                ClientId = invoice.ClientId,
                InvoiceId = invoice.Id,
                Reason = why,
                Lines = [.. chosen.Select((l, i) => new CreditNoteLine { Position = i + 1, Description = l.Description, AmountMinor = l.AmountMinor, InvoiceLineId = l.Id })],
            };
            (note.SubtotalMinor, note.TaxMinor, note.TotalMinor) = CreditNoteRules.LineCredit(
                chosen.Sum(l => l.AmountMinor), invoice.TaxBasisPoints, credited.Count + chosen.Count == invoice.Lines.Count, CreditNoteRules.Creditable(invoice));
            note.TaxBasisPoints = invoice.TaxBasisPoints;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await CreditNoteIssuer.IssueAsync(db, note, invoice, agency, settings, Now, new ActedBy(audit, actor), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (note, invoice);
        });
        await PublishAsync(invoice);
        return note.Id;
    }

    /// <summary>A credit note standing alone: lines staff write, the client's tax rate, credit on the client's account.</summary>
    public async Task<int> IssueStandaloneAsync(Actor actor, StandaloneCreditNoteInput input, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "issue credit notes");
        ArgumentNullException.ThrowIfNull(input);
        var why = CreditNoteRules.RequireReason(input.Reason);
        var lines = CreditNoteRules.ValidateLines(input.Lines);
        var note = await SequenceAllocator.RetryOnConflictAsync(async () =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.ClientId, cancellationToken)
                ?? throw new ValidationFailedException("ClientId", "Choose a client.");
            var note = new CreditNote
            {
                ClientId = client.Id,
                Reason = why,
                Lines = [.. lines.Select(l => new CreditNoteLine { Position = l.Position, Description = l.Description, AmountMinor = l.AmountMinor })],
            };
            CreditNoteRules.ApplyTotals(note, client.TaxRateBasisPoints);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await CreditNoteIssuer.IssueAsync(db, note, null, agency, settings, Now, new ActedBy(audit, actor), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return note;
        });
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Invoice, "credit-note", note.ClientId));
        return note.Id;
    }

    /// <summary>
    /// Records money given back on a payment (any part of what it still counts for). What was paid beyond the invoice's
    /// due amount goes back first; the rest comes with a credit note on the invoice, so nothing falls due again.
    /// </summary>
    public async Task<int> RefundPaymentAsync(Actor actor, int invoiceId, int paymentId, RefundInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "refund payments");
        ArgumentNullException.ThrowIfNull(input);
        var why = CreditNoteRules.RequireReason(input.Reason);
        var (refund, invoice) = await SequenceAllocator.RetryOnConflictAsync(async () =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var invoice = await db.Invoices.Include(i => i.Payments).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken)
                ?? throw new NotFoundException("The invoice");
            var payment = invoice.Payments.SingleOrDefault(p => p.Id == paymentId && !p.IsDeleted) ?? throw new NotFoundException("The payment");
            if (invoice.ConcurrencyStamp != concurrencyStamp)
            {
                throw new ConcurrencyConflictException(ConcurrencyGuard.ConflictMessage("invoice"));
            }

            new Validation()
                .Check(invoice.Status != InvoiceStatus.Void, "Status", "The invoice is void: its payments stay as they were.")
                .Check(input.RefundedOn <= settings.Today(clock), nameof(input.RefundedOn), "The refund date cannot be in the future.")
                .Check(input.RefundedOn >= payment.ReceivedOn, nameof(input.RefundedOn), "The refund date cannot be before the payment came in.")
                .ThrowIfInvalid();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var refund = await InvoiceRefunds.RecordAsync(
                db, invoice, payment, input.AmountMinor, input.RefundedOn, why, null, agency, settings, new ActedBy(audit, actor), Now, cancellationToken);
            await ConcurrencyGuard.SaveAsync(db, "invoice", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (refund, invoice);
        });
        await PublishAsync(invoice);
        return refund.Id;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static async Task<Invoice> LoadCreditableAsync(KtPortalDbContext db, int invoiceId, Guid concurrencyStamp, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Payments).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken)
            ?? throw new NotFoundException("The invoice");
        if (!CreditNoteRules.CanCredit(invoice.Status))
        {
            throw new ValidationFailedException("Status", invoice.Status switch
            {
                InvoiceStatus.Draft => "A draft is changed or deleted, not credited.",
                InvoiceStatus.Void => "A void invoice was never owed: there is nothing to credit.",
                _ => "This invoice is already credited in full.",
            });
        }

        if (invoice.ConcurrencyStamp != concurrencyStamp)
        {
            throw new ConcurrencyConflictException(ConcurrencyGuard.ConflictMessage("invoice"));
        }

        return invoice;
    }

    private async Task PublishAsync(Invoice invoice) =>
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Invoice, invoice.Id.ToString(CultureInfo.InvariantCulture), invoice.ClientId));
}
