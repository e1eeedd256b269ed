using System.Globalization;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Reports.Monthly;

/// <summary>
/// When a client's period closes, each of its active admins who turned the monthly report on (an opt-in notification,
/// <see cref="NotificationEvent.MonthlyReport"/>) gets it once: e-mail with the PDF, and/or the bell, as they chose.
/// Periods closed in the last <see cref="RecentDays"/> days count, so a portal that was down for a day still sends
/// and one switched on after months does not send a backlog. The period is in the outbox key: a repeated or
/// overlapping run queues nothing twice. A month with nothing in it (no plan, no time, no tickets, no invoices) sends nothing.
/// </summary>
public sealed class MonthlyClientReports(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    ClientMonthlyReportQueries reports,
    IChangeNotifier notifier,
    PortalSettings settings,
    AgencyProfile agency)
{
    public const int RecentDays = 7;

    /// <summary>Queues the reports of periods closed by <paramref name="asOf"/> (the billing run's instant); returns how many periods were reported.</summary>
    public async Task<int> QueueAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var today = settings.LocalDate(asOf);
        var since = today.AddDays(-RecentDays);
        var now = asOf.UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var periods = await db.BillingPeriods.AsNoTracking()
            .Where(p => p.ClosedAtUtc != null && p.EndDate <= today && p.EndDate > since)
            .OrderBy(p => p.ClientId).ThenBy(p => p.StartDate)
            .Select(p => new { p.ClientId, p.StartDate })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var period in periods)
        {
            var admins = await db.Users.AsNoTracking()
                .Where(u => u.ClientId == period.ClientId && u.IsActive && u.Email != null
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == PortalRoles.ClientAdmin))
                    && db.NotificationPreferences.Any(p => p.UserId == u.Id && p.Event == NotificationEvent.MonthlyReport && (p.Email || p.InApp)))
                .Select(u => new MessageRecipient(u.Id, u.Email!, u.ClientId))
                .ToListAsync(cancellationToken);
            var key = Key(period.ClientId, period.StartDate);
            if (admins.Count == 0
                || await db.Notifications.AnyAsync(n => n.SourceKey == key, cancellationToken)
                || await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey.StartsWith(key + ":"), cancellationToken)
                || await reports.GetAsync(Actor.System, period.ClientId, period.StartDate, cancellationToken) is not { } report
                || report.IsEmpty)
            {
                continue;
            }

            const string link = "/dashboard";
            var changes = await NotificationOutbox.QueueAsync(db, agency,
                new NotificationMessage(NotificationEvent.MonthlyReport, "monthly-report", key, link, Attachment: Attachment(period.ClientId, period.StartDate)),
                admins, _ => Email(agency.Name, report, agency.Absolute(link)), now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                queued++;
                await notifier.PublishAllAsync(changes);
            }
            catch (DbUpdateException)
            {
                // An overlapping run queued it first (the outbox key is unique): theirs goes, this one is dropped.
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }

    /// <summary>How an outbox row names the report it carries: "monthly-report:{client}:{period start}".</summary>
    internal static string Attachment(int clientId, DateOnly periodStart) =>
        $"monthly-report:{clientId.ToString(CultureInfo.InvariantCulture)}:{periodStart:yyyy-MM-dd}";

    private static string Key(int clientId, DateOnly periodStart) => $"monthly-report:{clientId.ToString(CultureInfo.InvariantCulture)}:{periodStart:yyyy-MM-dd}";

    /// <summary>"First answers on time: 92% (11 of 12); resolved on time: 100% (9 of 9)." when any target was decided.</summary>
    private static string[] OnTime(ClientMonthlyReport report) =>
        report.ResponsesOnTime is null && report.ResolutionsOnTime is null
            ? []
            : [$"First answers on time: {report.ResponsesOnTime ?? "none decided"}; resolved on time: {report.ResolutionsOnTime ?? "none decided"}."];

    internal static EmailContent Email(string agencyName, ClientMonthlyReport report, string url)
    {
        var hours = report.Hours;
        var used = hours.HasPlan
            ? $"You used {Hours.Format(hours.UsedMinutes)} of your {Hours.Format(hours.IncludedMinutes)} plan hours"
                + (hours.OverageMinutes > 0 ? $", {Hours.Format(hours.OverageMinutes)} beyond the plan." : ".")
            : $"{Hours.Format(hours.ChargedMinutes)} hours were billed at the rate card.";
        var tickets = $"{report.TicketsRaised} {(report.TicketsRaised == 1 ? "ticket was" : "tickets were")} raised and {report.TicketsResolved} resolved"
            + (report.Times.MedianFirstResponseMinutes is { } answer ? $"; the median first answer took {TicketsReport.Span(answer)}." : ".");
        return new EmailContent($"Your monthly report from {agencyName}: {BillingText.Range(report.Period)}",
            $"{report.ClientName}, {BillingText.Range(report.Period)}",
            [used, tickets, .. OnTime(report), "The one-page report is attached."],
            "Open your dashboard", url);
    }
}
