using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing.Consent;

/// <summary>
/// Reading 24's request: when a time write takes a period's overage past what its client approved, the client's admins
/// are asked (bell and e-mail) to approve more hours or hold, and staff are told. The request is claimed with a
/// conditional update on the period's round, so two writes at once ask once; while a request waits or the client holds,
/// more time asks nothing new.
/// </summary>
internal static class OverageConsentKeeper
{
    public const string RequestKind = "overage-consent";

    /// <summary>
    /// Call inside the transaction that changed the period's entries, with the usage computed after the change; returns
    /// the changes to publish after commit.
    /// </summary>
    public static async Task<IReadOnlyList<PortalChange>> CheckAsync(
        KtPortalDbContext db, AgencyProfile agency, PeriodUsageDetail detail, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var period = detail.Period;
        if (period.ApprovedOverageMinutes is not { } approved
            || detail.Usage.OverageMinutes <= approved
            || period.OverageConsent is OverageConsentState.Requested or OverageConsentState.Held)
        {
            return [];
        }

        var round = period.OverageConsentRound;
        var claimed = await db.BillingPeriods
            .Where(p => p.Id == period.Id && p.OverageConsentRound == round
                && (p.OverageConsent == OverageConsentState.NotAsked || p.OverageConsent == OverageConsentState.Approved))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.OverageConsent, OverageConsentState.Requested)
                .SetProperty(p => p.OverageConsentRound, round + 1)
                .SetProperty(p => p.OverageConsentRequestedAtUtc, nowUtc), cancellationToken) == 1;
        if (!claimed)
        {
            return [];
        }

        if (db.Entry(period).State != EntityState.Detached)
        {
            await db.Entry(period).ReloadAsync(cancellationToken);
        }

        var clientName = await db.Clients.Where(c => c.Id == period.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
        var over = Hours.Format(detail.Usage.OverageMinutes);
        var soFar = approved == 0 ? "no extra hours are approved yet" : $"you approved {Hours.Format(approved)} extra hours";
        var clientTitle = $"Approve extra hours? Your plan is {over} h over";
        var clientBody = $"{BillingText.MeterSentence(detail.Usage.UsedMinutes, period.IncludedMinutes)} on the {period.PlanName} plan " +
            $"({BillingText.Range(period.Range)}) and {soFar}. Covered work past what you approve is not billed: approve extra hours, " +
            "or ask us to hold.";
        var staffTitle = $"{clientName} is asked to approve overage ({over} h over)";
        var staffBody = $"{clientName}'s plan is {over} h over and the client asks before overage is billed. Time past what they approve " +
            "is flagged and not billed.";

        var recipients = await ThresholdNotifier.RecipientsAsync(db, period.ClientId, cancellationToken);
        var message = new NotificationMessage(NotificationEvent.PlanUsage, RequestKind, $"{RequestKind}:{period.Id}:{round + 1}", "/dashboard#overage-consent");
        var changes = new List<PortalChange>();
        changes.AddRange(await NotificationOutbox.QueueAsync(db, agency,
            message,
            recipients.Where(r => r.IsClient).Select(r => new MessageRecipient(r.User.Id, r.User.Email ?? string.Empty, period.ClientId)),
            _ => new EmailContent(clientTitle, clientTitle, [clientBody], "Approve or hold", agency.Absolute("/dashboard#overage-consent")),
            nowUtc, cancellationToken));
        var staffLink = $"/clients/{period.ClientId}";
        changes.AddRange(await NotificationOutbox.QueueAsync(db, agency,
            message with { Link = staffLink },
            recipients.Where(r => !r.IsClient).Select(r => new MessageRecipient(r.User.Id, r.User.Email ?? string.Empty)),
            _ => new EmailContent(staffTitle, staffTitle, [staffBody], "Open the client", agency.Absolute(staffLink)),
            nowUtc, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return changes;
    }
}
