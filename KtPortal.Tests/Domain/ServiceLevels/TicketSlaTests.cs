using KtPortal.Domain.Common;
using KtPortal.Domain.Reports;
using KtPortal.Domain.ServiceLevels;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.ServiceLevels;

/// <summary>
/// Tickets carry their service level as they are written: the Standard policy from first start, due times in calendar or
/// open hours (New York, Monday to Friday 09:00–17:00, US holidays), pauses while the ticket waits on the client, and
/// met or missed once answered and resolved. The host's clock starts on Tuesday 24 November 2026, 10:00 in New York.
/// </summary>
public sealed class TicketSlaTests : TicketTestBase
{
    private static readonly DateTime Start = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);

    private Task<int> RaiseAsync(Actor actor, TicketPriority priority) =>
        RaiseAsync(actor, new NewTicketInput(TicketType.Troubleshooting, SupportType.TroubleshootingId, "Checkout fails", "Every order.", priority));

    private Task<int> SendAlertsAsync() => Host.WithAsync<SlaAlerts, int>(a => a.SendDueAsync());

    private Task<T> LevelsAsync<T>(Func<ServiceLevelService, Task<T>> action) => Host.WithAsync(action);

    private Task LevelsAsync(Func<ServiceLevelService, Task> action) => Host.WithAsync(action);

    private async Task<Ticket> TicketAsync(int number)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
    }

    [Fact]
    public async Task ShouldRunTheResponseTargetInCalendarTime_ThenTheResolution_ForAnUrgentTicket()
    {
        var number = await RaiseAsync(Alice, TicketPriority.Urgent);

        var raised = await TicketAsync(number);
        raised.SlaStage.Should().Be(SlaStage.Response);
        raised.SlaDueUtc.Should().Be(Start.AddHours(1));
        raised.SlaAtRiskUtc.Should().Be(Start.AddMinutes(45));

        Host.Clock.Advance(TimeSpan.FromMinutes(20));
        await CommentAsync(Staff, number, "Looking at the logs.", isInternal: true);
        (await TicketAsync(number)).SlaStage.Should().Be(SlaStage.Response, "an internal note is no response");

        await CommentAsync(Staff, number, "We are on it.");
        var answered = await TicketAsync(number);
        answered.SlaStage.Should().Be(SlaStage.Resolution);
        answered.SlaDueUtc.Should().Be(Start.AddHours(8));
        answered.SlaResponseMet.Should().BeTrue();
        answered.SlaResolutionMet.Should().BeNull();
    }

    [Fact]
    public async Task ShouldCountOpenHoursOnly_SkippingNightsAndThanksgiving_ForALowTicket()
    {
        var number = await RaiseAsync(Alice, TicketPriority.Low);

        // 16 open hours from Tuesday 10:00: 7 on Tuesday, 8 on Wednesday, Thursday is Thanksgiving, 1 on Friday.
        (await TicketAsync(number)).SlaDueUtc.Should().Be(new DateTime(2026, 11, 27, 15, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task ShouldStopTheClockWhileWaitingOnTheClient_AndResumeOnTheirReply()
    {
        var number = await RaiseAsync(Alice, TicketPriority.Urgent);
        await CommentAsync(Staff, number, "Which browser?");
        Host.Clock.Advance(TimeSpan.FromHours(1));
        await MoveAsync(Staff, number, TicketStatus.WaitingOnClient);

        var waiting = await TicketAsync(number);
        waiting.SlaPaused.Should().BeTrue();
        waiting.SlaDueUtc.Should().BeNull("the due time moves once the client answers");

        Host.Clock.Advance(TimeSpan.FromHours(3));
        await CommentAsync(Alice, number, "Firefox.");

        var resumed = await TicketAsync(number);
        resumed.Status.Should().Be(TicketStatus.InProgress);
        resumed.SlaPaused.Should().BeFalse();
        resumed.SlaDueUtc.Should().Be(Start.AddHours(8 + 3), "the three hours of waiting do not count");
    }

    [Fact]
    public async Task ShouldRecordMetAndMissed_AndPickUpWhereItStopped_WhenAResolvedTicketReopens()
    {
        var number = await RaiseAsync(Alice, TicketPriority.Urgent);
        Host.Clock.Advance(TimeSpan.FromHours(2));
        await CommentAsync(Staff, number, "Sorry for the wait.");
        Host.Clock.Advance(TimeSpan.FromHours(1));
        await MoveAsync(Staff, number, TicketStatus.Resolved);

        var resolved = await TicketAsync(number);
        resolved.SlaResponseMet.Should().BeFalse("the response came after an hour");
        resolved.SlaResolutionMet.Should().BeTrue("three hours of eight");
        resolved.SlaStage.Should().Be(SlaStage.None);

        Host.Clock.Advance(TimeSpan.FromDays(1));
        await CommentAsync(Alice, number, "It is back.");
        var reopened = await TicketAsync(number);
        reopened.SlaStage.Should().Be(SlaStage.Resolution);
        reopened.SlaResolutionMet.Should().BeNull();
        reopened.SlaDueUtc.Should().Be(Start.AddHours(8).AddDays(1), "the day it sat resolved does not count");
    }

    [Fact]
    public async Task ShouldStoreWhatARebuildFromScratchWouldWorkOut()
    {
        var waiting = await RaiseAsync(Alice, TicketPriority.High);
        var answered = await RaiseAsync(Bob, TicketPriority.Low);
        var untouched = await RaiseAsync(Carol, TicketPriority.Normal);
        Host.Clock.Advance(TimeSpan.FromHours(1));
        await MoveAsync(Staff, waiting, TicketStatus.WaitingOnClient);
        await CommentAsync(Staff, answered, "Looking.");
        Host.Clock.Advance(TimeSpan.FromHours(2));
        await CommentAsync(Alice, waiting, "Here you go.");
        var kept = new[] { await TicketAsync(waiting), await TicketAsync(answered), await TicketAsync(untouched) };

        await using (var db = await Host.OpenDbAsync())
        {
            await db.Tickets.ExecuteUpdateAsync(s => s.SetProperty(t => t.SlaDueUtc, (DateTime?)null).SetProperty(t => t.SlaAtRiskUtc, (DateTime?)null));
            await SlaRebuild.RecomputeOpenAsync(db, Host.Get<AgencySettingsStore>().Portal, CancellationToken.None);
        }

        var rebuilt = new[] { await TicketAsync(waiting), await TicketAsync(answered), await TicketAsync(untouched) };
        rebuilt.Select(Sla).Should().Equal(kept.Select(Sla));
        kept.Select(t => t.SlaDueUtc).Should().OnlyContain(d => d != null);
    }

    private static (SlaStage, DateTime?, DateTime?, bool, bool?, bool?) Sla(Ticket t) =>
        (t.SlaStage, t.SlaDueUtc, t.SlaAtRiskUtc, t.SlaPaused, t.SlaResponseMet, t.SlaResolutionMet);

    [Fact]
    public async Task ShouldAlertAllStaffOnceAtRisk_AndOnceBreached_AndNeverTheClient()
    {
        var other = await Host.CreateUserAsync("kim@kt.test", PortalRoles.Staff, null);
        var number = await RaiseAsync(Alice, TicketPriority.Urgent);

        (await SendAlertsAsync()).Should().Be(0);
        Host.Clock.Advance(TimeSpan.FromMinutes(46));
        (await SendAlertsAsync()).Should().Be(1);
        (await SendAlertsAsync()).Should().Be(0, "each alert goes once");
        (await TicketAsync(number)).SlaAlert.Should().Be(SlaAlertLevel.AtRisk);

        Host.Clock.Advance(TimeSpan.FromMinutes(15));
        (await SendAlertsAsync()).Should().Be(1);
        (await SendAlertsAsync()).Should().Be(0);

        await using var db = await Host.OpenDbAsync();
        var bells = await db.Notifications.AsNoTracking().Where(n => n.SourceKey!.StartsWith("sla:")).ToListAsync();
        var atRisk = $"sla:{number}:Response:AtRisk";
        var breached = $"sla:{number}:Response:Breached";
        bells.Select(n => (n.UserId, n.SourceKey)).Should().BeEquivalentTo(new[]
        {
            (Staff.UserId, atRisk), (other.UserId, atRisk), (Staff.UserId, breached), (other.UserId, breached),
        });
        bells.Should().OnlyContain(n => n.Title.Contains(TicketNumber.Format(number), StringComparison.Ordinal));
        (await db.OutboxMessages.CountAsync(m => m.Kind.StartsWith("sla-"))).Should().Be(4);
    }

    [Fact]
    public async Task ShouldAlertOnlyTheAssignee_WhenSomeoneHasTheTicket()
    {
        var other = await Host.CreateUserAsync("kim@kt.test", PortalRoles.Staff, null);
        var number = await RaiseAsync(Alice, TicketPriority.Urgent);
        await Host.WithAsync<TicketService, Guid>(s => s.AssignAsync(Staff, number, other.UserId));
        Host.Clock.Advance(TimeSpan.FromMinutes(50));

        (await SendAlertsAsync()).Should().Be(1);

        await using var db = await Host.OpenDbAsync();
        (await db.Notifications.Where(n => n.SourceKey!.StartsWith("sla:")).Select(n => n.UserId).ToListAsync()).Should().Equal(other.UserId);
    }

    [Fact]
    public async Task ShouldUseTheClientsPolicyOverTheDefault_AndGoBackWhenItIsRemoved()
    {
        var admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        var premium = await LevelsAsync(s => s.SavePolicyAsync(admin, null, new SlaPolicyInput("Premium",
            [new SlaTargetInput(TicketPriority.Urgent, SlaBasis.Calendar, 30, 240)]), null));
        await LevelsAsync(s => s.SetClientPolicyAsync(admin, AcmeId, premium));

        var acme = await RaiseAsync(Alice, TicketPriority.Urgent);
        var birch = await RaiseAsync(Bob, TicketPriority.Urgent);
        (await TicketAsync(acme)).SlaDueUtc.Should().Be(Start.AddMinutes(30));
        (await TicketAsync(birch)).SlaDueUtc.Should().Be(Start.AddHours(1));

        await LevelsAsync(s => s.DeletePolicyAsync(admin, premium));
        (await TicketAsync(acme)).SlaDueUtc.Should().Be(Start.AddHours(1), "open tickets move to the default at once");
    }

    [Fact]
    public async Task ShouldMoveOpenDueTimes_WhenBusinessHoursChange()
    {
        var admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        var number = await RaiseAsync(Alice, TicketPriority.Normal);
        (await TicketAsync(number)).SlaDueUtc.Should().Be(Start.AddDays(1), "8 open hours: Wednesday 10:00");

        var view = await LevelsAsync(s => s.GetAsync(admin));
        await LevelsAsync(s => s.SaveHoursAsync(admin, new BusinessHoursInput(view.Hours.Days(), new TimeOnly(8, 0), new TimeOnly(20, 0), "US"), view.Hours.ConcurrencyStamp));

        // 10 open hours left on Tuesday (10:00–20:00): due at 18:00 New York.
        (await TicketAsync(number)).SlaDueUtc.Should().Be(Start.AddHours(8));
    }

    [Fact]
    public async Task ShouldRefuseEmptyOverlongAndBackwardsTargets_AndChangeNothing()
    {
        var admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        var act = () => LevelsAsync(s => s.SavePolicyAsync(admin, null, new SlaPolicyInput("Odd",
        [
            new SlaTargetInput(TicketPriority.Urgent, SlaBasis.Calendar, 0, 240),
            new SlaTargetInput(TicketPriority.High, SlaBasis.Calendar, 60, (ServiceLevelService.MaxTargetHours * 60) + 1),
            new SlaTargetInput(TicketPriority.Normal, SlaBasis.Calendar, 480, 120),
        ]), null));

        var errors = (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("Urgent.Response", "High.Resolution", "Normal.Resolution");
        await using var db = await Host.OpenDbAsync();
        (await db.SlaPolicies.Select(p => p.Name).ToListAsync()).Should().Equal("Standard");
    }

    [Fact]
    public async Task ShouldShowTheSetUpToAdminsOnly()
    {
        var act = () => LevelsAsync(s => s.GetAsync(Staff));

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task ShouldCountAttainmentPerClientAndPriority_WithOverdueOpenTicketsAsMissed_AndOnlyTheirOwnForAClient()
    {
        var met = await RaiseAsync(Alice, TicketPriority.Urgent);
        await CommentAsync(Staff, met, "On it.");
        var late = await RaiseAsync(Alice, TicketPriority.Urgent);
        await RaiseAsync(Bob, TicketPriority.Urgent);
        Host.Clock.Advance(TimeSpan.FromHours(2));

        var day = DateOnly.FromDateTime(Start);
        var rows = await Host.WithAsync<SlaAttainmentQueries, IReadOnlyList<SlaAttainmentRow>>(q => q.GetAsync(Staff, day, day));
        var acme = rows.Single(r => r.ClientId == AcmeId);
        (acme.ResponsesMet, acme.Responses, acme.ResponsePercent).Should().Be((1, 2, 50));
        rows.Single(r => r.ClientId == BirchId).Responses.Should().Be(1);

        var own = await Host.WithAsync<SlaAttainmentQueries, IReadOnlyList<SlaAttainmentRow>>(q => q.GetAsync(Bob, day, day));
        own.Should().ContainSingle().Which.ClientId.Should().Be(BirchId);
        _ = late;
    }
}
