using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.TimeTracking;

public sealed class ThresholdTests : BillingTestBase
{
    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = await Host.OpenDbAsync();
        return await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Raising a ticket tells staff too; these tests are about the plan messages only.</summary>
    private async Task ForgetTicketMessagesAsync()
    {
        await using var db = await Host.OpenDbAsync();
        await db.Notifications.ExecuteDeleteAsync();
        await db.OutboxMessages.ExecuteDeleteAsync();
    }

    [Fact]
    public async Task ShouldTellClientAdminsAndStaffOnce_WhenReaching80Percent()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await ForgetTicketMessagesAsync();
        await LogAsync(fix, "7h");
        (await NotificationsAsync(Alice)).Should().BeEmpty();

        await LogAsync(fix, "1h");
        (await NotificationsAsync(Alice)).Should().ContainSingle().Which.Title.Should().Be("You've used 8 of 10 hours");
        (await NotificationsAsync(Staff)).Should().ContainSingle().Which.Title.Should().Be("Acme Dental has used 8 of 10 hours");
        (await NotificationsAsync(Carol)).Should().BeEmpty("client users who are not admins are not told");
        (await NotificationsAsync(Bob)).Should().BeEmpty();
        (await OutboxAsync()).Select(m => (m.Kind, m.ToAddress)).Should().BeEquivalentTo([("plan-80", "alice@acme.test"), ("plan-80", "sam@kt.test")]);

        await LogAsync(fix, "30m");
        (await NotificationsAsync(Alice)).Should().ContainSingle();
    }

    [Fact]
    public async Task ShouldTellBothSidesOnceOfOverage_EvenWhenEditsGoBackAndForth()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await ForgetTicketMessagesAsync();
        await LogAsync(fix, "9h");
        var id = await LogAsync(fix, "2h");

        (await NotificationsAsync(Alice)).Select(n => n.Title).Should().Equal(
            "Your plan hours are used up: 1 h over", "You've used 9 of 10 hours");
        (await NotificationsAsync(Staff))[0].Title.Should().Be("Acme Dental is over plan: 11 of 10 hours");

        // Back under, then over again: nothing new.
        var stamp = (await EntriesAsync(fix)).Single(e => e.Id == id).ConcurrencyStamp;
        stamp = await Host.WithAsync<TimeEntryService, Guid>(s => s.UpdateAsync(Staff, id, new TimeEntryInput(Today, "10m"), stamp));
        await Host.WithAsync<TimeEntryService, Guid>(s => s.UpdateAsync(Staff, id, new TimeEntryInput(Today, "3h"), stamp));
        (await NotificationsAsync(Alice)).Should().HaveCount(2);
        (await OutboxAsync()).Should().HaveCount(4);
    }

    [Fact]
    public async Task ShouldSendOnlyTheOverageMessage_WhenJumpingPast100Percent()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await ForgetTicketMessagesAsync();
        await LogAsync(fix, "11h");
        (await NotificationsAsync(Alice)).Select(n => n.Title).Should().Equal("Your plan hours are used up: 1 h over");
        await using var db = await Host.OpenDbAsync();
        var period = await db.BillingPeriods.SingleAsync();
        period.Reached80PercentAtUtc.Should().NotBeNull();
        period.OverageStartedAtUtc.Should().NotBeNull();
    }

    [Fact]
    public async Task ShouldFireThresholdsPerPeriod_AndNoneForClientsWithoutPlans()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await ForgetTicketMessagesAsync();
        await LogAsync(fix, "8h");
        SetToday(new DateOnly(2026, 12, 2));
        await LogAsync(fix, "8h");
        (await NotificationsAsync(Alice)).Should().HaveCount(2);

        var birch = await TicketAsync(Bob);

        await ForgetTicketMessagesAsync();
        await LogAsync(birch, "20h");
        (await NotificationsAsync(Bob)).Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldCountDownAndTouchOnlyYourOwn_WhenMarkingRead()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await ForgetTicketMessagesAsync();
        await LogAsync(fix, "11h");
        var service = Host.Get<IServiceProvider>();
        (await Host.WithAsync<NotificationService, int>(s => s.UnreadCountAsync(Alice))).Should().Be(1);
        var aliceNote = (await NotificationsAsync(Alice)).Single();

        await Host.WithAsync<NotificationService>(s => s.MarkReadAsync(Staff, aliceNote.Id));
        (await Host.WithAsync<NotificationService, int>(s => s.UnreadCountAsync(Alice))).Should().Be(1);

        await Host.WithAsync<NotificationService>(s => s.MarkReadAsync(Alice, null));
        (await Host.WithAsync<NotificationService, int>(s => s.UnreadCountAsync(Alice))).Should().Be(0);
        (await Host.WithAsync<NotificationService, int>(s => s.UnreadCountAsync(Staff))).Should().Be(1);
        service.Should().NotBeNull();
    }
}
