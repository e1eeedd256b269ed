using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices;

/// <summary>What the web layer needs to open a Stripe Checkout Session for an invoice, or the session already open.</summary>
public sealed record CheckoutRequest(
    int InvoiceId, string Number, string Description, long AmountMinor, string Currency, string? CustomerEmail, string IdempotencyKey, string? ExistingUrl);

/// <summary>A verified Stripe event about a Checkout Session, reduced to the fields the portal reads (stable across API versions).</summary>
public sealed record CheckoutSessionEvent(
    string EventId, string EventType, string? SessionId, int? InvoiceId, string? PaymentStatus, long? AmountTotal, string? Currency, string? PaymentIntentId);

/// <summary>
/// A verified <c>charge.refunded</c> event, reduced to stable fields: the charge, its payment intent, the invoice its
/// metadata names, what it took and what has been refunded of it so far (Stripe sends the running total).
/// </summary>
public sealed record ChargeRefundedEvent(
    string EventId, string EventType, string ChargeId, string? PaymentIntentId, int? InvoiceId, long Amount, long AmountRefunded, string? Currency);

public enum WebhookOutcome
{
    Applied,
    Duplicate,
    Ignored,
}

/// <summary>
/// Online payment (rule 5): prepares Checkout with an idempotency key stored on the invoice, so a double click or a
/// retried request never opens two sessions; applies verified webhook events exactly once (the event id is a primary
/// key written in the same transaction as the change), whatever order or how often they arrive.
/// </summary>
public sealed class InvoicePaymentService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    AgencyProfile agency,
    PortalSettings settings,
    Audit.AuditTrail audit)
{
    /// <summary>Sessions are reused while they have this much life left; Stripe expires them after 24 hours.</summary>
    private static readonly TimeSpan ReuseMargin = TimeSpan.FromMinutes(10);

    public async Task<CheckoutRequest> PrepareCheckoutAsync(Actor actor, int invoiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var visible = await InvoiceScope.VisibleAsync(db, actor, cancellationToken);
        var invoice = await visible.SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken) ?? throw new NotFoundException("The invoice");
        if (!invoice.Status.IsOpen())
        {
            throw new ValidationFailedException("Status", invoice.Status == InvoiceStatus.Paid ? "This invoice is already paid." : "Only an issued invoice can be paid.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = invoice.CheckoutUrl is not null && invoice.CheckoutExpiresAtUtc > now + ReuseMargin ? invoice.CheckoutUrl : null;
        if (existing is null && invoice.CheckoutIdempotencyKey is null)
        {
            // A fresh key for a fresh session, claimed only if nobody else did; kept until the session is recorded, so
            // a retry after a lost answer from Stripe reuses it and Stripe returns the same session.
            var fresh = $"checkout-{invoice.Id}-{Guid.NewGuid():N}";
            await db.Invoices.Where(i => i.Id == invoice.Id && i.CheckoutIdempotencyKey == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.CheckoutIdempotencyKey, fresh), cancellationToken);
        }

        var key = await db.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.CheckoutIdempotencyKey).SingleAsync(cancellationToken) ?? string.Empty;
        return new CheckoutRequest(
            invoice.Id, invoice.Number!, $"{agency.Name}: invoice {invoice.Number}", PaymentRules.Balance(invoice.DueMinor, invoice.PaidMinor), invoice.Currency,
            string.IsNullOrWhiteSpace(invoice.BillingEmail) ? null : invoice.BillingEmail, key, existing);
    }

    /// <summary>Remembers the session Stripe opened; the next "Pay now" after it expires starts with a new key.</summary>
    public async Task RecordCheckoutAsync(int invoiceId, string idempotencyKey, string sessionId, string url, DateTime expiresAtUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Invoices.Where(i => i.Id == invoiceId && i.CheckoutIdempotencyKey == idempotencyKey)
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.CheckoutSessionId, sessionId)
                    .SetProperty(i => i.CheckoutUrl, url)
                    .SetProperty(i => i.CheckoutExpiresAtUtc, expiresAtUtc)
                    .SetProperty(i => i.CheckoutIdempotencyKey, (string?)null),
                cancellationToken);
    }

    public Task<WebhookOutcome> ApplyAsync(CheckoutSessionEvent stripeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        return ApplyOnceAsync(stripeEvent.EventId, stripeEvent.EventType, (db, now) => DecideAsync(db, stripeEvent, now, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A refund made in Stripe's dashboard: recorded once on the payment it gives back, with the credit note it needs.
    /// Stripe sends the running refunded total, so a replayed or older event adds nothing, and a refund that arrives
    /// before the payment's own event records that payment first (from the charge), which the later event then finds.
    /// </summary>
    public Task<WebhookOutcome> ApplyRefundAsync(ChargeRefundedEvent stripeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        return ApplyOnceAsync(stripeEvent.EventId, stripeEvent.EventType, (db, now) => DecideRefundAsync(db, stripeEvent, now, cancellationToken), cancellationToken);
    }

    /// <summary>Runs <paramref name="decide"/> and records the event id in one transaction, so each event counts once.</summary>
    private async Task<WebhookOutcome> ApplyOnceAsync(
        string eventId, string eventType, Func<KtPortalDbContext, DateTime, Task<(string Outcome, Invoice? Changed)>> decide, CancellationToken cancellationToken)
    {
        // A lost race (the same event delivered twice at once, the same refund total in two events, two credit notes
        // taking one number) fails the save; the unit of work runs again and finds the other delivery's work done.
        var (duplicate, changed) = await SequenceAllocator.RetryOnConflictAsync(async () =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (await db.ProcessedWebhookEvents.AnyAsync(e => e.Id == eventId, cancellationToken))
            {
                return (true, (Invoice?)null);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var (outcome, invoice) = await decide(db, now);
            db.ProcessedWebhookEvents.Add(new ProcessedWebhookEvent { Id = eventId, Type = eventType, ReceivedAtUtc = now, Outcome = outcome });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (false, invoice);
        });
        if (duplicate)
        {
            return WebhookOutcome.Duplicate;
        }

        if (changed is null)
        {
            return WebhookOutcome.Ignored;
        }

        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Invoice, changed.Id.ToString(CultureInfo.InvariantCulture), changed.ClientId));
        return WebhookOutcome.Applied;
    }

    private async Task<(string Outcome, Invoice? Changed)> DecideRefundAsync(KtPortalDbContext db, ChargeRefundedEvent e, DateTime now, CancellationToken cancellationToken)
    {
        var externalId = e.PaymentIntentId ?? e.ChargeId;
        var invoices = db.Invoices.Include(i => i.Payments);
        var invoice = e.InvoiceId is { } id
            ? await invoices.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            : await invoices.SingleOrDefaultAsync(i => i.Payments.Any(p => p.ExternalId == externalId), cancellationToken);
        if (invoice is null)
        {
            return ("ignored: no invoice for this charge", null);
        }

        if (!string.Equals(e.Currency, invoice.Currency, StringComparison.OrdinalIgnoreCase) || e.Amount <= 0 || e.AmountRefunded > e.Amount)
        {
            return ($"needs attention: {invoice.Number} is in {invoice.Currency} but the refunded charge is {e.AmountRefunded} of {e.Amount} {e.Currency}", null);
        }

        var today = settings.LocalDate(new DateTimeOffset(now, TimeSpan.Zero));
        var by = new ActedBy(audit, Actor.System);
        var payment = invoice.Payments.SingleOrDefault(p => p.ExternalId == externalId && !p.IsDeleted);
        if (payment is null)
        {
            if (!PaymentRules.CanTakePayment(invoice.Status))
            {
                return ($"needs attention: {invoice.Number} is {invoice.Status} and has no payment {externalId} to refund", null);
            }

            // The refund came first: the payment it refunds is what the charge took; its own event will find it recorded.
            payment = new Payment { AmountMinor = e.Amount, ReceivedOn = today, Method = PaymentMethod.Stripe, Reference = externalId, ExternalId = externalId };
            await InvoicePayments.RecordAsync(db, invoice, payment, agency, by, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var fresh = e.AmountRefunded - payment.RefundedMinor;
        if (fresh <= 0)
        {
            return ($"already recorded: {e.AmountRefunded} refunded on {invoice.Number}", null);
        }

        await CreditNotes.InvoiceRefunds.RecordAsync(
            db, invoice, payment, fresh, today, "Refunded through Stripe", $"{e.ChargeId}:{e.AmountRefunded}", agency, settings, by, now, cancellationToken);
        return ($"refund of {fresh} recorded on {invoice.Number}", invoice);
    }

    private async Task<(string Outcome, Invoice? Changed)> DecideAsync(KtPortalDbContext db, CheckoutSessionEvent e, DateTime now, CancellationToken cancellationToken)
    {
        if (e.SessionId is null)
        {
            return ($"ignored: {e.EventType}", null);
        }

        var invoices = db.Invoices.Include(i => i.Payments);
        var invoice = e.InvoiceId is { } id
            ? await invoices.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            : await invoices.SingleOrDefaultAsync(i => i.CheckoutSessionId == e.SessionId, cancellationToken);
        if (invoice is null)
        {
            return ("ignored: no invoice for this session", null);
        }

        switch (e.EventType)
        {
            case "checkout.session.completed" or "checkout.session.async_payment_succeeded":
                if (e.PaymentStatus != "paid")
                {
                    return ($"ignored: payment status {e.PaymentStatus ?? "missing"}", null);
                }

                // One Stripe payment is one payment row, whichever of its events comes first or how often.
                var externalId = e.PaymentIntentId ?? e.SessionId;
                if (invoice.Payments.Any(p => p.ExternalId == externalId))
                {
                    return ($"already recorded: {invoice.Number}", null);
                }

                if (!PaymentRules.CanTakePayment(invoice.Status))
                {
                    return ($"needs attention: {invoice.Number} is {invoice.Status} but Stripe took a payment; refund it", null);
                }

                if (e.AmountTotal is not > 0 || !string.Equals(e.Currency, invoice.Currency, StringComparison.OrdinalIgnoreCase))
                {
                    return ($"needs attention: {invoice.Number} is in {invoice.Currency} but Stripe took {e.AmountTotal} {e.Currency}", null);
                }

                // The amount is what Stripe took (a balance, normally): less leaves a balance, more is the client's credit.
                await InvoicePayments.RecordAsync(db, invoice, new Payment
                {
                    AmountMinor = e.AmountTotal.Value,
                    ReceivedOn = settings.LocalDate(new DateTimeOffset(now, TimeSpan.Zero)),
                    Method = PaymentMethod.Stripe,
                    Reference = externalId,
                    ExternalId = externalId,
                }, agency, new ActedBy(audit, Actor.System), now, cancellationToken);
                return ($"payment of {e.AmountTotal} recorded on {invoice.Number}", invoice);

            case "checkout.session.expired":
                if (invoice.CheckoutSessionId == e.SessionId)
                {
                    invoice.CheckoutSessionId = null;
                    invoice.CheckoutUrl = null;
                    invoice.CheckoutExpiresAtUtc = null;
                    return ($"session expired for {invoice.Number}", invoice);
                }

                return ("ignored: an older session expired", null);

            default:
                return ($"ignored: {e.EventType}", null);
        }
    }
}
