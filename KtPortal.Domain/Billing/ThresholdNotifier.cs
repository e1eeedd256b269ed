using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Billing;

/// <summary>
/// Rule 4: when covered usage first reaches 80% of a period's hours, and when it first goes past them, tell the
/// client's admins and the staff, in the app and through the outbox. Each threshold fires once per period: the
/// flag is claimed with a conditional update, so two entries saved at once cannot both fire it, and edits that
/// bring usage back down and up again do not fire it twice.
/// </summary>
internal static class ThresholdNotifier
{
    /// <summary>
    /// Call inside the transaction that changed the period's entries, with the usage the writer computed once after its
    /// change; returns the changes to publish after commit.
    /// </summary>
    public static async Task<IReadOnlyList<PortalChange>> CheckAsync(
        KtPortalDbContext db, AgencyProfile agency, PeriodUsageDetail detail, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var period = detail.Period;
        if (period.IncludedMinutes <= 0)
        {
            return [];
        }

        var used = detail.Usage.UsedMinutes;
        var included = period.IncludedMinutes;
        var level = PlanLevels.Of(used, included);
        var overage = level == PlanLevel.Over && await ClaimAsync(db, period.Id, p => p.OverageStartedAtUtc == null, s => s.SetProperty(p => p.OverageStartedAtUtc, nowUtc), cancellationToken);

        // Overage implies 80%: claim that flag too, but send only the overage message.
        var warning = level != PlanLevel.Fine
            && await ClaimAsync(db, period.Id, p => p.Reached80PercentAtUtc == null, s => s.SetProperty(p => p.Reached80PercentAtUtc, nowUtc), cancellationToken)
            && !overage;
        if (!overage && !warning)
        {
            return [];
        }

        var clientName = await db.Clients.Where(c => c.Id == period.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
        var usedText = $"{Hours.Format(used)} of {Hours.Format(included)} hours";
        var kind = overage ? "plan-overage" : "plan-80";
        var (clientTitle, staffTitle) = overage
            ? ($"Your plan hours are used up: {Hours.Format(detail.Usage.OverageMinutes)} h over", $"{clientName} is over plan: {usedText}")
            : ($"You've used {usedText}", $"{clientName} has used {usedText}");

        // Who approved extra hours, as each side reads it (reading 24).
        string Body(string approver) => overage
            ? $"{usedText} of the {period.PlanName} plan are used ({BillingText.Range(period.Range)}). " +
              (period.AsksBeforeOverage ? $"Further covered time is billed only as far as {approver} approved." : "Further covered time is billed as overage at the plan rates.")
            : $"{usedText} of the {period.PlanName} plan are used ({BillingText.Range(period.Range)}); {Hours.Format(detail.Usage.RemainingMinutes)} h remain this period.";

        var recipients = await RecipientsAsync(db, period.ClientId, cancellationToken);
        var message = new NotificationMessage(NotificationEvent.PlanUsage, kind, $"{kind}:{period.Id}", "/dashboard");
        var changes = new List<PortalChange>();

        // Reading 24: a client asked before overage hears the consent request instead (OverageConsentKeeper).
        var askedInstead = overage && period.ApprovedOverageMinutes is { } approved && detail.Usage.OverageMinutes > approved;
        changes.AddRange(await NotificationOutbox.QueueAsync(db, agency,
            message,
            recipients.Where(r => r.IsClient && !askedInstead).Select(r => new MessageRecipient(r.User.Id, r.User.Email ?? string.Empty, period.ClientId)),
            _ => new EmailContent(clientTitle, clientTitle, [Body("you")], "See your hours", agency.Absolute("/dashboard")),
            nowUtc, cancellationToken));
        var staffLink = $"/clients/{period.ClientId}";
        changes.AddRange(await NotificationOutbox.QueueAsync(db, agency,
            message with { Link = staffLink },
            recipients.Where(r => !r.IsClient).Select(r => new MessageRecipient(r.User.Id, r.User.Email ?? string.Empty)),
            _ => new EmailContent(staffTitle, staffTitle, [Body("the client")], "Open the client", agency.Absolute(staffLink)),
            nowUtc, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    private static async Task<bool> ClaimAsync(
        KtPortalDbContext db,
        int periodId,
        System.Linq.Expressions.Expression<Func<BillingPeriod, bool>> unclaimed,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<BillingPeriod>> set,
        CancellationToken cancellationToken) =>
        await db.BillingPeriods.Where(p => p.Id == periodId).Where(unclaimed).ExecuteUpdateAsync(set, cancellationToken) == 1;

    /// <summary>Who hears about a client's plan hours: its active admins (IsClient) and all active staff.</summary>
    internal static async Task<IReadOnlyList<(PortalUser User, bool IsClient)>> RecipientsAsync(KtPortalDbContext db, int clientId, CancellationToken cancellationToken)
    {
        var clientAdmins = await Accounts.ClientAdmins.Active(db, clientId).AsNoTracking().ToListAsync(cancellationToken);
        var staff = await TicketService.ActiveStaff(db).AsNoTracking().ToListAsync(cancellationToken);
        return [.. clientAdmins.Select(u => (u, true)), .. staff.Select(u => (u, false))];
    }
}
