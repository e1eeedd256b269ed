using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KtPortal.Domain.Invoices;

/// <summary>What one billing run did.</summary>
public sealed record BillingRunResult(DateOnly Today, IReadOnlyList<InvoiceSummary> Issued, int PeriodsClosed, int DraftsUpdated, int RemindersQueued)
{
    /// <summary>Monthly statements queued for clients that opted in (on or after the 1st, once per month).</summary>
    public int StatementsQueued { get; init; }
}

/// <summary>
/// The billing cycle (rule 5), run by the scheduled job every 15 minutes and by <c>billing run --as-of</c>. It is
/// driven by state, not by the clock firing at the right moment: every client's periods are opened up to today;
/// each period with a plan fee and no plan-fee invoice gets one; each ended period that is not closed gets its
/// usage invoice and is closed; open periods' draft usage invoices are refreshed; overdue invoices get their
/// reminders; clients that opted in get last month's statement. Each step is its own transaction and the unique constraints make a repeated step a no-op, so a run
/// repeated, overlapping or resumed after a crash converges to the same invoices. After downtime the missed
/// periods are caught up in date order.
/// </summary>
public sealed class BillingCycle(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    PortalSettings settings,
    AgencyProfile agency,
    ILogger<BillingCycle> logger,
    Audit.AuditTrail audit)
{
    private enum StepKind
    {
        // On the same day, last period's usage is billed before the next period's fee.
        CloseUsage,
        IssuePlanFee,
    }

    private sealed record Step(DateOnly Date, StepKind Kind, int ClientId, int PeriodId);

    public async Task<BillingRunResult> RunAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var nowUtc = asOf.UtcDateTime;
        var today = settings.LocalDate(asOf);
        var clientIds = await OpenPeriodsAsync(today, nowUtc, cancellationToken);

        var issued = new List<InvoiceSummary>();
        var closed = 0;
        foreach (var step in await PendingStepsAsync(today, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var invoice = step.Kind == StepKind.IssuePlanFee
                ? await IssuePlanFeeAsync(step.PeriodId, nowUtc, cancellationToken)
                : await CloseAsync(step.PeriodId, nowUtc, cancellationToken);
            closed += step.Kind == StepKind.CloseUsage ? 1 : 0;
            if (invoice is not null)
            {
                issued.Add(InvoiceSummary.From(invoice, today));
                await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Invoice, invoice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), invoice.ClientId));
            }
        }

        var drafts = await RefreshDraftsAsync(clientIds, today, nowUtc, cancellationToken);
        var reminders = await OverdueReminders.QueueAsync(contextFactory, agency, today, nowUtc, cancellationToken);
        var statements = await Statements.MonthlyStatements.QueueAsync(contextFactory, settings, agency, today, nowUtc, cancellationToken);
        if (issued.Count > 0 || closed > 0 || reminders > 0 || statements > 0)
        {
            logger.LogInformation(
                "Billing run as of {AsOf:o}: issued {Issued} invoices, closed {Closed} periods, queued {Reminders} reminders and {Statements} statements",
                asOf, issued.Count, closed, reminders, statements);
        }

        return new BillingRunResult(today, issued, closed, drafts, reminders) { StatementsQueued = statements };
    }

    /// <summary>Opens every client's periods up to today, in order (missed ones included).</summary>
    private async Task<IReadOnlyList<int>> OpenPeriodsAsync(DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var clientIds = await db.Clients.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var clientId in clientIds)
        {
            await BillingPeriodLedger.EnsureContainingAsync(db, clientId, today, nowUtc, cancellationToken);
        }

        return clientIds;
    }

    private async Task<IReadOnlyList<Step>> PendingStepsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var feesDue = await db.BillingPeriods.AsNoTracking()
            .Where(p => p.PlanId != null && p.MonthlyFeeMinor > 0 && p.StartDate <= today)
            .Where(p => !db.Invoices.Any(i => i.BillingPeriodId == p.Id && i.Kind == InvoiceKind.PlanFee))
            .Select(p => new Step(p.StartDate, StepKind.IssuePlanFee, p.ClientId, p.Id))
            .ToListAsync(cancellationToken);
        var toClose = await db.BillingPeriods.AsNoTracking()
            .Where(p => p.ClosedAtUtc == null && p.EndDate <= today)
            .Select(p => new Step(p.EndDate, StepKind.CloseUsage, p.ClientId, p.Id))
            .ToListAsync(cancellationToken);
        return [.. feesDue.Concat(toClose).OrderBy(s => s.Date).ThenBy(s => s.Kind).ThenBy(s => s.ClientId)];
    }

    private async Task<Invoice?> IssuePlanFeeAsync(int periodId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var period = await db.BillingPeriods.SingleAsync(p => p.Id == periodId, cancellationToken);
            if (await db.Invoices.AnyAsync(i => i.BillingPeriodId == periodId && i.Kind == InvoiceKind.PlanFee, cancellationToken))
            {
                return null;
            }

            var invoice = new Invoice
            {
                ClientId = period.ClientId,
                Kind = InvoiceKind.PlanFee,
                Status = InvoiceStatus.Draft,
                BillingPeriodId = period.Id,
                Title = $"{period.PlanName}, {BillingText.Range(period.Range)}",
                CreatedAtUtc = nowUtc,
                UpdatedAtUtc = nowUtc,
                Lines =
                [
                    new InvoiceLine
                    {
                        Description = $"{period.PlanName}: monthly plan fee, {BillingText.Range(period.Range)} ({Hours.Format(period.IncludedMinutes)} h included)",
                        Quantity = 1,
                        UnitPriceMinor = period.MonthlyFeeMinor,
                    },
                ],
            };
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(cancellationToken);
            await InvoiceIssuer.IssueAsync(db, invoice, agency, settings, nowUtc, new ActedBy(audit, Actor.System), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return invoice;
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another run issued it a moment ago (unique period + kind); this transaction rolled back, number included.
            if (await AlreadyDoneAsync(periodId, InvoiceKind.PlanFee, cancellationToken))
            {
                return null;
            }

            throw;
        }
    }

    private async Task<Invoice?> CloseAsync(int periodId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var period = await db.BillingPeriods.SingleAsync(p => p.Id == periodId, cancellationToken);
            if (period.ClosedAtUtc is not null)
            {
                return null;
            }

            var invoice = await UsageInvoiceBuilder.CloseAsync(db, period, agency, settings, nowUtc, new ActedBy(audit, Actor.System), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return invoice;
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            if (await AlreadyDoneAsync(periodId, InvoiceKind.Usage, cancellationToken))
            {
                return null;
            }

            throw;
        }
    }

    /// <summary>
    /// After a failed save: true only when another run did this step meanwhile (the unique constraint fired). Any other
    /// failure is not swallowed; the transaction has rolled back and the next run tries again.
    /// </summary>
    private async Task<bool> AlreadyDoneAsync(int periodId, InvoiceKind kind, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return kind == InvoiceKind.PlanFee
            ? await db.Invoices.AnyAsync(i => i.BillingPeriodId == periodId && i.Kind == kind && i.Status != InvoiceStatus.Draft, cancellationToken)
            : await db.BillingPeriods.AnyAsync(p => p.Id == periodId && p.ClosedAtUtc != null, cancellationToken);
    }

    /// <summary>Keeps open periods' draft usage invoices current (also heals drafts after time written outside the services).</summary>
    private async Task<int> RefreshDraftsAsync(IReadOnlyList<int> clientIds, DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var clientId in clientIds)
        {
            if (await RefreshDraftAsync(clientId, today, nowUtc, cancellationToken))
            {
                changed++;
                await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Invoice, string.Empty, clientId));
            }
        }

        return changed;
    }

    /// <summary>
    /// One client's open-period draft. Runs on several instances (or a time write) can create the same draft at once
    /// (unique period + kind): the one that loses reads the draft the other wrote and brings it in line, once.
    /// </summary>
    private async Task<bool> RefreshDraftAsync(int clientId, DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                var period = await db.BillingPeriods.SingleOrDefaultAsync(
                    p => p.ClientId == clientId && p.StartDate <= today && today < p.EndDate && p.ClosedAtUtc == null, cancellationToken);
                return period is not null && await UsageInvoiceBuilder.SyncDraftAsync(db, period, nowUtc, cancellationToken);
            }
            catch (DbUpdateException) when (attempt == 1 && !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Another billing run wrote client {ClientId}'s pending charges meanwhile; reading them again", clientId);
            }
        }
    }
}
