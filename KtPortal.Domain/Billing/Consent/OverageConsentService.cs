using System.Globalization;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing.Consent;

/// <summary>
/// Overage consent (billing-rules.md reading 24). Staff turn "ask before overage" on or off for a client; a client's
/// admins approve up to some extra hours for the current period, or hold. Every decision is audited, tells the staff,
/// and brings the pending-charges draft in line in the same transaction.
/// </summary>
public sealed class OverageConsentService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    PortalSettings settings,
    AgencyProfile agency,
    IPeriodInvoices periodInvoices,
    AuditTrail audit)
{
    /// <summary>The most a client can approve in one period: a typo guard, said so rather than clamped.</summary>
    public const int MaxApprovedMinutes = 500 * 60;

    /// <summary>
    /// Turns the client's setting on or off (staff). It applies to the open period at once: turned on, the overage
    /// already logged counts as approved (it was logged when nobody had to ask); turned off, the open period stops
    /// asking unless its client has already been asked, whose answer then stands for the period.
    /// </summary>
    public async Task SetAskBeforeOverageAsync(Actor actor, int clientId, bool ask, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "change how a client's overage is billed");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) ?? throw new NotFoundException("The client");
        if (client.AskBeforeOverage == ask)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        client.AskBeforeOverage = ask;
        client.UpdatedAtUtc = now;
        client.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(db, actor, AuditKinds.ClientChanged, client.Name, client.Id, $"Ask before overage: {YesNo(!ask)}", $"Ask before overage: {YesNo(ask)}");
        await db.SaveChangesAsync(cancellationToken);

        var period = await BillingPeriodLedger.EnsureContainingAsync(db, clientId, settings.Today(clock), now, cancellationToken);
        if (period is { HasPlan: true })
        {
            if (ask && period.ApprovedOverageMinutes is null)
            {
                var usage = await PeriodUsageReader.ReadAsync(db, period, cancellationToken);
                period.ApprovedOverageMinutes = usage.Usage.OverageMinutes;
                period.OverageConsent = OverageConsentState.NotAsked;
            }
            else if (!ask && period.OverageConsent == OverageConsentState.NotAsked)
            {
                period.ApprovedOverageMinutes = null;
            }

            await db.SaveChangesAsync(cancellationToken);
            await periodInvoices.SyncPendingAsync(db, period, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(clientId);
    }

    /// <summary>
    /// A client admin approves up to <paramref name="extraHours"/> (as typed: "3", "1.5", "2h 30m") beyond the plan's
    /// hours for the current period, in total, overage already logged included.
    /// </summary>
    public Task ApproveAsync(Actor actor, int clientId, string? extraHours, CancellationToken cancellationToken = default)
    {
        var minutes = ParseExtraHours(extraHours);
        return DecideAsync(actor, clientId, OverageConsentState.Approved, minutes, cancellationToken);
    }

    /// <summary>A client admin asks the agency to stop at what is approved: covered time past it is held, not billed.</summary>
    public Task HoldAsync(Actor actor, int clientId, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, clientId, OverageConsentState.Held, null, cancellationToken);

    /// <summary>Reads what a person typed as extra hours; a field error says what is wrong, nothing is clamped.</summary>
    public static int ParseExtraHours(string? text)
    {
        const string field = "ExtraHours";
        if (!DurationParser.TryParseAnyLength(text, out var minutes, out var error))
        {
            throw new ValidationFailedException(field, error.Replace("Duration", "Extra hours", StringComparison.Ordinal));
        }

        if (minutes <= 0)
        {
            throw new ValidationFailedException(field, "Approve more than 0 hours, or hold instead.");
        }

        if (minutes > MaxApprovedMinutes)
        {
            throw new ValidationFailedException(field, $"At most {MaxApprovedMinutes / 60} extra hours can be approved in one period.");
        }

        return minutes;
    }

    private async Task DecideAsync(Actor actor, int clientId, OverageConsentState decision, int? approvedMinutes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!(actor.IsClientAdmin && actor.ClientId == clientId))
        {
            // Consent is the client's to give: staff cannot give it for them, and nobody else may learn the client exists.
            throw actor.IsStaff ? new ForbiddenException("Only the client's admins can approve or hold overage.") : new NotFoundException("The client");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) ?? throw new NotFoundException("The client");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var period = await BillingPeriodLedger.EnsureContainingAsync(db, clientId, settings.Today(clock), now, cancellationToken);
        if (period is not { AsksBeforeOverage: true })
        {
            throw new ValidationFailedException(string.Empty, "Your plan does not ask before overage this period: there is nothing to approve or hold.");
        }

        var before = Describe(period);
        period.OverageConsent = decision;
        period.ApprovedOverageMinutes = approvedMinutes ?? period.ApprovedOverageMinutes;
        period.OverageConsentDecidedAtUtc = now;
        period.OverageConsentDecidedById = actor.UserId;
        var after = Describe(period);
        audit.Add(db, actor, decision == OverageConsentState.Approved ? AuditKinds.OverageApproved : AuditKinds.OverageHeld,
            $"{client.Name}, {BillingText.Range(period.Range)}", clientId, before, after);
        await db.SaveChangesAsync(cancellationToken);
        await periodInvoices.SyncPendingAsync(db, period, now, cancellationToken);

        var changes = await TellStaffAsync(db, client.Name, period, decision, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var change in changes)
        {
            await notifier.PublishAsync(change);
        }

        await PublishAsync(clientId);
    }

    private async Task<IReadOnlyList<PortalChange>> TellStaffAsync(
        KtPortalDbContext db, string clientName, BillingPeriod period, OverageConsentState decision, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var title = decision == OverageConsentState.Approved
            ? $"{clientName} approved up to {Hours.Format(period.ApprovedOverageMinutes ?? 0)} extra hours"
            : $"{clientName} put overage on hold";
        var body = decision == OverageConsentState.Approved
            ? $"Covered time up to {Hours.Format(period.ApprovedOverageMinutes ?? 0)} h past the {period.PlanName} plan's hours is billed this period ({BillingText.Range(period.Range)})."
            : $"Covered time past the {Hours.Format(period.ApprovedOverageMinutes ?? 0)} extra hours approved is not billed this period ({BillingText.Range(period.Range)}). Check with the client before working further on covered tickets.";
        var recipients = await ThresholdNotifier.RecipientsAsync(db, period.ClientId, cancellationToken);
        var link = $"/clients/{period.ClientId}";
        var decided = period.OverageConsentDecidedAtUtc!.Value.Ticks.ToString(CultureInfo.InvariantCulture);
        var message = new NotificationMessage(NotificationEvent.PlanUsage, "overage-decision", $"overage-decision:{period.Id}:{decided}", link);
        var changes = await NotificationOutbox.QueueAsync(db, agency, message,
            recipients.Where(r => !r.IsClient).Select(r => new MessageRecipient(r.User.Id, r.User.Email ?? string.Empty)),
            _ => new EmailContent(title, title, [body], "Open the client", agency.Absolute(link)),
            nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    private static string Describe(BillingPeriod period) => period.OverageConsent switch
    {
        OverageConsentState.NotAsked => $"not asked; {Hours.Format(period.ApprovedOverageMinutes ?? 0)} h approved",
        OverageConsentState.Requested => $"asked; {Hours.Format(period.ApprovedOverageMinutes ?? 0)} h approved",
        OverageConsentState.Approved => $"approved up to {Hours.Format(period.ApprovedOverageMinutes ?? 0)} extra hours",
        _ => $"on hold at {Hours.Format(period.ApprovedOverageMinutes ?? 0)} extra hours",
    };

    private static string YesNo(bool value) => value ? "yes" : "no";

    private async Task PublishAsync(int clientId)
    {
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Usage, string.Empty, clientId));
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Invoice, string.Empty, clientId));
    }
}
