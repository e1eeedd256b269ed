using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Tests.TestSupport;

/// <summary>
/// Acme and Birch from <see cref="TicketTestBase"/>; the fake clock reads 2026-11-24 10:00 in New York. Helpers create
/// the rules' example plan (10 h, Troubleshooting + WordPress, support $95, dev $120, $500, cycle day 1) and log time.
/// </summary>
public abstract class BillingTestBase : TicketTestBase
{
    protected static readonly DateOnly Today = new(2026, 11, 24);

    protected static PlanInput ExamplePlan(DateOnly? start = null, int cycleDay = 1, int includedHours = 10, string name = "Basic Maintenance") =>
        new(name, includedHours * 60, [SupportType.TroubleshootingId, SupportType.WordPressId], 120_00, 95_00, 500_00, cycleDay, start ?? new DateOnly(2026, 11, 1));

    protected Task<int> CreatePlanAsync(int clientId, PlanInput input) =>
        Host.WithAsync<PlanService, int>(s => s.CreateAsync(Staff, clientId, input));

    protected Task<int> TicketAsync(Actor requester, TicketType type = TicketType.Troubleshooting, int supportTypeId = SupportType.TroubleshootingId, string title = "Site down") =>
        RaiseAsync(requester, new NewTicketInput(type, supportTypeId, title, "Please help."));

    protected Task<long> LogAsync(int ticket, string duration, DateOnly? workDate = null, bool billable = true, WorkType? workType = null, Actor? actor = null) =>
        Host.WithAsync<TimeEntryService, long>(s => s.LogAsync(actor ?? Staff, ticket, new TimeEntryInput(workDate ?? ClockToday, duration, workType, "work", billable)));

    protected Task<PlanMeter?> MeterAsync(int clientId, Actor? actor = null) =>
        Host.WithAsync<UsageQueries, PlanMeter?>(q => q.GetMeterAsync(actor ?? Staff, clientId));

    protected Task<TicketBilling?> TicketBillingAsync(int ticket, Actor? actor = null) =>
        Host.WithAsync<UsageQueries, TicketBilling?>(q => q.GetTicketBillingAsync(actor ?? Staff, ticket));

    protected Task<IReadOnlyList<TimeEntryView>> EntriesAsync(int ticket) =>
        Host.WithAsync<TimeEntryService, IReadOnlyList<TimeEntryView>>(s => s.ListForTicketAsync(Staff, ticket));

    protected Task<IReadOnlyList<NotificationView>> NotificationsAsync(Actor actor) =>
        Host.WithAsync<NotificationService, IReadOnlyList<NotificationView>>(s => s.ListAsync(actor));

    /// <summary>The fake clock's date in portal time.</summary>
    protected DateOnly ClockToday => Host.Get<AgencySettingsStore>().Portal.Today(Host.Clock);

    /// <summary>Moves the fake clock to 15:00 UTC on the given portal date.</summary>
    protected void SetToday(DateOnly date) =>
        Host.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero));
}
