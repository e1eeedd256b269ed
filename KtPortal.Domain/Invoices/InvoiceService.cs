using System.Globalization;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>
/// Staff's invoice work (rule 5): ad-hoc drafts written from scratch or from a ticket's unbilled time, issuing,
/// voiding (the number stays), reissuing a voided invoice as a new draft, and recording an offline payment.
/// Issued invoices never change otherwise.
/// </summary>
public sealed class InvoiceService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    PortalSettings settings,
    AgencyProfile agency,
    Audit.AuditTrail audit)
{

    public async Task<int> CreateDraftAsync(Actor actor, InvoiceDraftInput input, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "write invoices");
        var lines = InvoiceRules.ValidateDraft(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.ClientId, cancellationToken)
            ?? throw new ValidationFailedException("ClientId", "Choose a client.");
        var now = clock.GetUtcNow().UtcDateTime;
        var invoice = NewDraft(client, input.Title, input.Notes, lines, now);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(invoice);
        return invoice.Id;
    }

    /// <summary>
    /// A draft billing the ticket's time that no invoice has billed yet and that the plan does not cover (overage and
    /// out-of-plan, per open period and work type, at that period's rates). The entries are reserved for the draft,
    /// so the period's usage invoice leaves them out; deleting the draft gives them back.
    /// </summary>
    public async Task<int> CreateFromTicketAsync(Actor actor, int ticketNumber, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "write invoices");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken)
            ?? throw new NotFoundException("The ticket");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var periods = await db.BillingPeriods
            .Where(p => p.ClientId == ticket.ClientId && p.ClosedAtUtc == null)
            .Where(p => db.TimeEntries.Any(e => e.TicketId == ticket.Id && e.InvoiceId == null && e.WorkDate >= p.StartDate && e.WorkDate < p.EndDate))
            .OrderBy(p => p.StartDate)
            .ToListAsync(cancellationToken);

        // The same lines the period's usage invoice would carry for this ticket, one period at a time.
        var lines = new List<InvoiceLine>();
        var entryIds = new List<long>();
        foreach (var period in periods)
        {
            var bill = await UsageInvoiceBuilder.BuildAsync(db, period, usageInvoiceId: null, cancellationToken, ticket.Id);
            foreach (var line in bill.Lines)
            {
                line.Description = $"{line.Description}, {BillingText.Range(period.Range)}";
                lines.Add(line);
            }

            entryIds.AddRange(bill.EntryIds);
        }

        if (lines.Count == 0)
        {
            throw new ValidationFailedException("Ticket", $"{TicketNumber.Format(ticket.Number)} has no unbilled time beyond what the plan covers.");
        }

        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == ticket.ClientId, cancellationToken);
        var invoice = NewDraft(client, $"{TicketNumber.Format(ticket.Number)} {ticket.Title}", null, lines, now);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
        await db.TimeEntries.Where(e => entryIds.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.InvoiceId, invoice.Id), cancellationToken);
        foreach (var period in periods)
        {
            await UsageInvoiceBuilder.SyncDraftAsync(db, period, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(invoice);
        return invoice.Id;
    }

    public async Task<Guid> UpdateDraftAsync(Actor actor, int invoiceId, InvoiceDraftInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "write invoices");
        var lines = InvoiceRules.ValidateDraft(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await FindAdHocDraftAsync(db, invoiceId, cancellationToken);
        if (input.ClientId != invoice.ClientId)
        {
            throw new ValidationFailedException("ClientId", "A draft stays with its client; delete it and start one for the other client.");
        }

        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId, cancellationToken);
        db.Entry(invoice).Property(i => i.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        db.InvoiceLines.RemoveRange(invoice.Lines);
        invoice.Lines = lines;
        invoice.Title = TitleOrDefault(input.Title);
        invoice.Notes = input.Notes?.Trim() ?? string.Empty;
        invoice.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        invoice.ConcurrencyStamp = Guid.NewGuid();
        InvoiceRules.ApplyTotals(invoice, client.TaxRateBasisPoints);
        await SaveAsync(db, cancellationToken);
        await PublishAsync(invoice);
        return invoice.ConcurrencyStamp;
    }

    public async Task DeleteDraftAsync(Actor actor, int invoiceId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "write invoices");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await FindAdHocDraftAsync(db, invoiceId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workDates = await db.TimeEntries.Where(e => e.InvoiceId == invoiceId).Select(e => e.WorkDate).Distinct().ToListAsync(cancellationToken);
        await db.TimeEntries.Where(e => e.InvoiceId == invoiceId).ExecuteUpdateAsync(s => s.SetProperty(e => e.InvoiceId, (int?)null), cancellationToken);
        db.Entry(invoice).Property(i => i.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        db.Invoices.Remove(invoice);
        await SaveAsync(db, cancellationToken);

        // The released time goes back to its open period's usage invoice.
        var periods = await db.BillingPeriods.Where(p => p.ClientId == invoice.ClientId && p.ClosedAtUtc == null).ToListAsync(cancellationToken);
        foreach (var period in periods.Where(p => workDates.Any(d => p.StartDate <= d && d < p.EndDate)))
        {
            await UsageInvoiceBuilder.SyncDraftAsync(db, period, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(invoice);
    }

    public async Task IssueAsync(Actor actor, int invoiceId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "write invoices");
        var invoice = await SequenceAllocator.RetryOnConflictAsync(async () =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var draft = await FindAdHocDraftAsync(db, invoiceId, cancellationToken);
            if (draft.ConcurrencyStamp != concurrencyStamp)
            {
                throw new ConcurrencyConflictException(ConcurrencyGuard.ConflictMessage("invoice"));
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await InvoiceIssuer.IssueAsync(db, draft, agency, settings, clock.GetUtcNow().UtcDateTime, new ActedBy(audit, actor), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return draft;
        });
        await PublishAsync(invoice);
    }

    /// <summary>Issued → Void with a reason; the number is kept and the billed time stays with it until reissued.</summary>
    public async Task VoidAsync(Actor actor, int invoiceId, string? reason, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "write invoices");
        var why = reason?.Trim() ?? string.Empty;
        new Validation().Required("Reason", why, "A reason", InvoiceRules.NotesMaxLength).ThrowIfInvalid();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken) ?? throw new NotFoundException("The invoice");
        if (invoice.Status != InvoiceStatus.Issued || invoice.CreditedMinor > 0)
        {
            throw new ValidationFailedException("Status", invoice.Status switch
            {
                InvoiceStatus.Paid or InvoiceStatus.PartiallyPaid => "An invoice with payments can't be voided; delete or refund its payments first.",
                _ when invoice.CreditedMinor > 0 => "An invoice with credit notes can't be voided; credit what is left of it instead.",
                _ => "Only an issued invoice can be voided.",
            });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Entry(invoice).Property(i => i.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        audit.Add(db, actor, Audit.AuditKinds.InvoiceVoided, invoice.Number ?? $"Invoice {invoice.Id}", invoice.ClientId, "Issued", $"Void: {why}");
        invoice.Status = InvoiceStatus.Void;
        invoice.VoidReason = why;
        invoice.VoidedAtUtc = now;
        invoice.UpdatedAtUtc = now;
        invoice.ConcurrencyStamp = Guid.NewGuid();
        await SaveAsync(db, cancellationToken);
        await PublishAsync(invoice);
    }

    /// <summary>A new ad-hoc draft with a voided invoice's lines; the time billed on the voided one moves to it.</summary>
    public async Task<int> ReissueAsync(Actor actor, int voidedInvoiceId, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "write invoices");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var voided = await db.Invoices.Include(i => i.Lines).AsNoTracking().SingleOrDefaultAsync(i => i.Id == voidedInvoiceId, cancellationToken)
            ?? throw new NotFoundException("The invoice");
        if (voided.Status != InvoiceStatus.Void)
        {
            throw new ValidationFailedException("Status", "Only a voided invoice can be reissued.");
        }

        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == voided.ClientId, cancellationToken);
        var lines = voided.Lines.OrderBy(l => l.Position).Select(l => new InvoiceLine
        {
            Description = l.Description,
            Minutes = l.Minutes,
            Quantity = l.Quantity,
            UnitPriceMinor = l.UnitPriceMinor,
            TicketNumber = l.TicketNumber,
        }).ToList();
        var invoice = NewDraft(client, voided.Title, $"Replaces {voided.Number}.", lines, clock.GetUtcNow().UtcDateTime);
        invoice.HoursStatement = voided.HoursStatement;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
        await db.TimeEntries.Where(e => e.InvoiceId == voidedInvoiceId).ExecuteUpdateAsync(s => s.SetProperty(e => e.InvoiceId, invoice.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(invoice);
        return invoice.Id;
    }

    /// <summary>
    /// Staff record money received outside Stripe: amount, day, method and reference. A part payment leaves the invoice
    /// Partially paid; payments beyond the total are the client's credit. Refused on a draft or void invoice.
    /// </summary>
    public async Task<int> RecordPaymentAsync(Actor actor, int invoiceId, PaymentInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "record payments");
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Invoices.Include(i => i.Payments).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken) ?? throw new NotFoundException("The invoice");
        if (!PaymentRules.CanTakePayment(invoice.Status))
        {
            throw new ValidationFailedException("Status", invoice.Status == InvoiceStatus.Void ? "A void invoice takes no payments." : "Only an issued invoice can be paid.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        PaymentRules.Validate(input, settings.Today(clock), invoice.IssueDate);
        db.Entry(invoice).Property(i => i.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        var payment = new Payment
        {
            AmountMinor = input.AmountMinor,
            ReceivedOn = input.ReceivedOn,
            Method = input.Method,
            Reference = input.Reference?.Trim() ?? string.Empty,
            RecordedById = actor.UserId,
        };
        await InvoicePayments.RecordAsync(db, invoice, payment, agency, new ActedBy(audit, actor), now, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await PublishAsync(invoice);
        return payment.Id;
    }

    /// <summary>Deletes a recorded payment with a reason (kept and audited, never edited away); the invoice settles again.</summary>
    public async Task DeletePaymentAsync(Actor actor, int invoiceId, int paymentId, string? reason, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "delete payments");
        var text = reason?.Trim() ?? string.Empty;
        new Validation().Required("Reason", text, "A reason", PaymentRules.DeleteReasonMaxLength).ThrowIfInvalid();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Invoices.Include(i => i.Payments).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken) ?? throw new NotFoundException("The invoice");
        var payment = invoice.Payments.SingleOrDefault(p => p.Id == paymentId && !p.IsDeleted) ?? throw new NotFoundException("The payment");
        if (invoice.Status == InvoiceStatus.Void)
        {
            throw new ValidationFailedException("Status", "The invoice is void: its payments stay as they were.");
        }

        if (payment.RefundedMinor > 0)
        {
            throw new ValidationFailedException("Status", "Part of this payment was refunded, so it happened: refund the rest instead of deleting it.");
        }

        InvoicePayments.Delete(db, invoice, payment, text, new ActedBy(audit, actor), clock.GetUtcNow().UtcDateTime);
        await SaveAsync(db, cancellationToken);
        await PublishAsync(invoice);
    }

    private Invoice NewDraft(Clients.Client client, string? title, string? notes, List<InvoiceLine> lines, DateTime now)
    {
        var invoice = new Invoice
        {
            ClientId = client.Id,
            Kind = InvoiceKind.AdHoc,
            Status = InvoiceStatus.Draft,
            ClientName = client.Name,
            BillingEmail = client.BillingEmail,
            Currency = settings.Currency,
            Title = TitleOrDefault(title),
            Notes = notes?.Trim() ?? string.Empty,
            Lines = lines,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        InvoiceRules.ApplyTotals(invoice, client.TaxRateBasisPoints);
        return invoice;
    }

    private static string TitleOrDefault(string? title) => string.IsNullOrWhiteSpace(title) ? "Services" : title.Trim();

    private static async Task<Invoice> FindAdHocDraftAsync(KtPortalDbContext db, int invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken)
            ?? throw new NotFoundException("The invoice");
        if (!invoice.IsDraft)
        {
            throw new ValidationFailedException("Status", "An issued invoice can't be changed; void it and reissue instead.");
        }

        if (invoice.Kind != InvoiceKind.AdHoc)
        {
            throw new ValidationFailedException("Status", "This draft follows the period's time and is issued by the billing cycle when the period closes.");
        }

        return invoice;
    }

    private static Task SaveAsync(KtPortalDbContext db, CancellationToken cancellationToken) => ConcurrencyGuard.SaveAsync(db, "invoice", cancellationToken);

    private async Task PublishAsync(Invoice invoice) =>
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Invoice, invoice.Id.ToString(CultureInfo.InvariantCulture), invoice.ClientId));
}
