using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>
/// Tells staff when a ticket's target is at risk (75 % used) and when it is breached, once each per stage: the level is
/// claimed with a conditional update before anything is queued, so runs that overlap (or several instances) cannot both
/// send it, and a run that finds nothing due costs one indexed read. State-driven: a missed run sends on the next.
/// </summary>
public sealed class SlaAlerts(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    AgencySettingsStore settingsStore,
    Email.ReplyAddresses replyAddresses,
    IChangeNotifier notifier,
    TimeProvider clock)
{
    private const int BatchSize = 200;

    /// <summary>Sends what is due now; returns how many alerts went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Tickets.AsNoTracking()
            .Where(t => t.SlaStage != SlaStage.None && t.SlaAlert != SlaAlertLevel.Breached
                && ((t.SlaDueUtc != null && t.SlaDueUtc <= now)
                    || (t.SlaAlert == SlaAlertLevel.None && !t.SlaPaused && t.SlaAtRiskUtc != null && t.SlaAtRiskUtc <= now)))
            .OrderBy(t => t.SlaAtRiskUtc).Take(BatchSize)
            .ToListAsync(cancellationToken);
        var notifications = new TicketNotifications(settingsStore.Agency, replyAddresses);
        var sent = 0;
        foreach (var ticket in due)
        {
            var level = ticket.SlaDueUtc <= now ? SlaAlertLevel.Breached : SlaAlertLevel.AtRisk;
            var (stage, was) = (ticket.SlaStage, ticket.SlaAlert);
            var claimed = await db.Tickets
                .Where(t => t.Id == ticket.Id && t.SlaStage == stage && t.SlaAlert == was)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.SlaAlert, level), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var clientName = await db.Clients.Where(c => c.Id == ticket.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
            var content = SlaEmails.Alert(ticket, clientName, level, settingsStore.Portal.TimeZone);
            var changes = await notifications.ServiceLevelAsync(db, ticket, level == SlaAlertLevel.Breached ? "sla-breached" : "sla-at-risk",
                $"sla:{ticket.Number}:{stage}:{level}", url => content with { ActionUrl = url },
                now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await notifier.PublishAllAsync(changes);
            sent++;
        }

        return sent;
    }
}

/// <summary>The words of a service-level alert.</summary>
internal static class SlaEmails
{
    public static EmailContent Alert(Ticket ticket, string clientName, SlaAlertLevel level, TimeZoneInfo zone)
    {
        var what = ticket.SlaStage == SlaStage.Response ? "first response" : "resolution";
        var due = ticket.SlaDueUtc is { } at
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone).ToString("MMM d, HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : "when the client answers";
        var number = TicketNumber.Format(ticket.Number);
        var (heading, sentence) = level == SlaAlertLevel.Breached
            ? ($"{number} missed its {what} target", $"The {what} of \"{ticket.Title}\" for {clientName} was due {due}.")
            : ($"{number} is at risk: {what} due {due}", $"75% of the {what} target of \"{ticket.Title}\" for {clientName} is used; it is due {due}.");
        return new EmailContent($"{TicketEmails.Token(ticket.Number)} {heading}", heading, [sentence], "Open the ticket") { InAppSummary = sentence };
    }
}
