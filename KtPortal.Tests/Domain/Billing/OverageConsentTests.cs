using KtPortal.Domain.Audit;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Billing.Consent;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Billing;

/// <summary>
/// Billing-rules reading 24 through the real services and database: the example plan (10 h, support at 95.00/h) for
/// Acme, whose admin is Alice; Carol is an Acme user without the admin role, Bob is Birch's admin.
/// </summary>
public sealed class OverageConsentTests : InvoiceTestBase
{
    private Task AskAsync(bool ask = true) =>
        Host.WithAsync<OverageConsentService>(s => s.SetAskBeforeOverageAsync(Staff, AcmeId, ask));

    private Task ApproveAsync(string hours, KtPortal.Domain.Common.Actor? actor = null) =>
        Host.WithAsync<OverageConsentService>(s => s.ApproveAsync(actor ?? Alice, AcmeId, hours));

    private Task HoldAsync(KtPortal.Domain.Common.Actor? actor = null) =>
        Host.WithAsync<OverageConsentService>(s => s.HoldAsync(actor ?? Alice, AcmeId));

    private async Task<OverageConsentView?> ConsentAsync(KtPortal.Domain.Common.Actor? actor = null) =>
        (await MeterAsync(AcmeId, actor ?? Alice))!.Consent;

    private async Task<List<string>> OutboxKindsToAsync(string address)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.OutboxMessages.Where(m => m.ToAddress == address).OrderBy(m => m.Id).Select(m => m.Kind).ToListAsync();
    }

    private async Task<int> PlanWithTicketAsync()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        return await TicketAsync(Alice);
    }

    [Fact]
    public async Task ShouldBillOverageAsItComes_WhenTheClientDoesNotAsk()
    {
        var fix = await PlanWithTicketAsync();
        await LogAsync(fix, "11h");

        var meter = await MeterAsync(AcmeId, Alice);
        meter!.Consent.Should().BeNull("asking before overage is off by default");
        meter.PendingChargesMinor.Should().Be(95_00);
        (await OutboxKindsToAsync("alice@acme.test")).Should().Contain("plan-overage").And.NotContain(OverageConsentKeeper.RequestKind);
    }

    [Fact]
    public async Task ShouldAskTheClientsAdminsOnce_AndBillNothingPastTheApproval_UntilTheyApprove()
    {
        var fix = await PlanWithTicketAsync();
        await AskAsync();
        await LogAsync(fix, "9h");
        (await ConsentAsync())!.State.Should().Be(OverageConsentState.NotAsked);

        await LogAsync(fix, "2h");
        var asked = await ConsentAsync();
        asked.Should().BeEquivalentTo(new { State = OverageConsentState.Requested, ApprovedMinutes = 0, OverageMinutes = 60, HeldMinutes = 60, CanDecide = true });
        (await MeterAsync(AcmeId, Alice))!.PendingChargesMinor.Should().Be(0, "held overage is never billed");
        (await NotificationsAsync(Alice)).Select(n => n.Title).Should().Contain("Approve extra hours? Your plan is 1 h over")
            .And.NotContain(t => t.StartsWith("Your plan hours are used up", StringComparison.Ordinal), "the request replaces the overage message");
        (await NotificationsAsync(Carol)).Should().BeEmpty("only the client's admins decide");
        (await NotificationsAsync(Staff)).Select(n => n.Title).Should().Contain("Acme Dental is asked to approve overage (1 h over)");
        (await ConsentAsync(Carol))!.CanDecide.Should().BeFalse();

        // Waiting for an answer, more time asks nothing new.
        await LogAsync(fix, "30m");
        (await OutboxKindsToAsync("alice@acme.test")).Count(k => k == OverageConsentKeeper.RequestKind).Should().Be(1);
        (await ConsentAsync())!.HeldMinutes.Should().Be(90);
    }

    [Fact]
    public async Task ShouldBillUpToTheApproval_AndAskAgainOnlyWhenNewTimeGoesPastIt()
    {
        var fix = await PlanWithTicketAsync();
        await AskAsync();
        await LogAsync(fix, "11h");

        await ApproveAsync("3");
        (await ConsentAsync()).Should().BeEquivalentTo(new { State = OverageConsentState.Approved, ApprovedMinutes = 180, OverageMinutes = 60, HeldMinutes = 0 });
        (await MeterAsync(AcmeId, Alice))!.PendingChargesMinor.Should().Be(95_00);
        (await NotificationsAsync(Staff)).Select(n => n.Title).Should().Contain("Acme Dental approved up to 3 extra hours");

        await LogAsync(fix, "2h");
        (await ConsentAsync())!.State.Should().Be(OverageConsentState.Approved, "3 of 3 approved hours are used, none past");
        await LogAsync(fix, "1h");
        (await ConsentAsync()).Should().BeEquivalentTo(new { State = OverageConsentState.Requested, OverageMinutes = 240, HeldMinutes = 60 });
        (await OutboxKindsToAsync("alice@acme.test")).Count(k => k == OverageConsentKeeper.RequestKind).Should().Be(2, "a second round for new time past the approval");
        (await MeterAsync(AcmeId, Alice))!.PendingChargesMinor.Should().Be(3 * 95_00);

        await using var db = await Host.OpenDbAsync();
        (await db.AuditEntries.SingleAsync(a => a.Kind == AuditKinds.OverageApproved)).Should().BeEquivalentTo(new
        {
            ActorUserId = Alice.UserId,
            ClientId = AcmeId,
            Before = "asked; 0 h approved",
            After = "approved up to 3 extra hours",
        });
    }

    [Fact]
    public async Task ShouldHoldEverythingPastTheApproval_AndIssueTheUsageInvoiceWithoutIt()
    {
        var fix = await PlanWithTicketAsync();
        await AskAsync();
        await LogAsync(fix, "11h");
        await ApproveAsync("2h");
        await LogAsync(fix, "2h");
        await HoldAsync();
        await LogAsync(fix, "1h");

        (await ConsentAsync()).Should().BeEquivalentTo(new { State = OverageConsentState.Held, ApprovedMinutes = 120, OverageMinutes = 240, HeldMinutes = 120 });
        (await OutboxKindsToAsync("alice@acme.test")).Count(k => k == OverageConsentKeeper.RequestKind).Should().Be(2,
            "the second request was for the time past the 2 approved hours; on hold, nothing more is asked");
        (await NotificationsAsync(Staff)).Select(n => n.Title).Should().Contain("Acme Dental put overage on hold");
        var billing = await TicketBillingAsync(fix, Staff);
        billing!.HeldMinutes.Should().Be(120);
        billing.AmountMinor.Should().Be(2 * 95_00);
        billing.Consent!.NeedsAttention.Should().BeTrue();

        var december = await RunAsync(NewYorkMidnight(new DateOnly(2026, 12, 1)));
        var usage = december.Issued.Single(i => i.Kind == InvoiceKind.Usage);
        usage.TotalMinor.Should().Be(2 * 95_00, "2 approved hours of overage; the 2 held hours are not billed");
        await using var db = await Host.OpenDbAsync();
        var invoice = await db.Invoices.SingleAsync(i => i.Id == usage.Id);
        invoice.HoursStatement.Should().ContainSingle().Which.Should().BeEquivalentTo(new { OverageMinutes = 240, HeldMinutes = 120 });
        (await db.TimeEntries.Where(e => db.Tickets.Any(t => t.Id == e.TicketId && t.Number == fix)).OrderBy(e => e.Id).Select(e => e.InvoiceId).ToListAsync())
            .Should().BeEquivalentTo(new int?[] { usage.Id, usage.Id, null }, o => o.WithStrictOrdering(),
                "the entries with approved overage are on the invoice; the hour logged on hold is on none");
    }

    [Fact]
    public async Task ShouldCountOverageLoggedBeforeTheSettingAsApproved_AndStartEachPeriodAtNone()
    {
        var fix = await PlanWithTicketAsync();
        await LogAsync(fix, "11h");
        await AskAsync();
        (await ConsentAsync()).Should().BeEquivalentTo(new { State = OverageConsentState.NotAsked, ApprovedMinutes = 60, HeldMinutes = 0 });
        (await MeterAsync(AcmeId, Alice))!.PendingChargesMinor.Should().Be(95_00, "it was logged when nobody had to ask");

        await LogAsync(fix, "15m");
        (await ConsentAsync())!.State.Should().Be(OverageConsentState.Requested);

        SetToday(new DateOnly(2026, 12, 2));
        (await ConsentAsync()).Should().BeEquivalentTo(new { State = OverageConsentState.NotAsked, ApprovedMinutes = 0, OverageMinutes = 0 });
    }

    [Fact]
    public async Task ShouldStopAskingWhenTurnedOff_ExceptWhereTheClientWasAlreadyAsked()
    {
        var fix = await PlanWithTicketAsync();
        await AskAsync();
        await AskAsync(false);
        (await ConsentAsync()).Should().BeNull("nobody had been asked yet");

        await AskAsync();
        await LogAsync(fix, "11h");
        await AskAsync(false);
        (await ConsentAsync())!.State.Should().Be(OverageConsentState.Requested, "the question stands for this period");

        SetToday(new DateOnly(2026, 12, 2));
        (await ConsentAsync()).Should().BeNull();
        await using var db = await Host.OpenDbAsync();
        (await db.AuditEntries.CountAsync(a => a.Kind == AuditKinds.ClientChanged && a.After == "Ask before overage: yes")).Should().Be(2);
    }

    [Fact]
    public async Task ShouldLetOnlyTheClientsOwnAdminsDecide()
    {
        var fix = await PlanWithTicketAsync();
        await AskAsync();
        await LogAsync(fix, "11h");

        await FluentActions.Awaiting(() => ApproveAsync("5", Bob)).Should().ThrowAsync<NotFoundException>("another client's admin");
        await FluentActions.Awaiting(() => HoldAsync(Carol)).Should().ThrowAsync<NotFoundException>("a user without the admin role");
        await FluentActions.Awaiting(() => ApproveAsync("5", Staff)).Should().ThrowAsync<ForbiddenException>("consent is the client's to give");
        await FluentActions.Awaiting(() => Host.WithAsync<OverageConsentService>(s => s.SetAskBeforeOverageAsync(Alice, AcmeId, false)))
            .Should().ThrowAsync<ForbiddenException>("the agency sets how it bills");
        (await ConsentAsync())!.State.Should().Be(OverageConsentState.Requested);
        (await MeterAsync(BirchId, Bob))!.Consent.Should().BeNull();
    }

    [Theory]
    [InlineData("soon", "Use hours and minutes")]
    [InlineData("0", "more than 0 hours")]
    [InlineData("", "Extra hours is required")]
    [InlineData("501", "At most 500 extra hours")]
    public async Task ShouldRefuseWhatIsNotAnAmountOfHours_AndChangeNothing(string typed, string message)
    {
        var fix = await PlanWithTicketAsync();
        await AskAsync();
        await LogAsync(fix, "11h");

        var refused = await FluentActions.Awaiting(() => ApproveAsync(typed)).Should().ThrowAsync<ValidationFailedException>();
        refused.Which.Errors["ExtraHours"].Single().Should().Contain(message);
        (await ConsentAsync()).Should().BeEquivalentTo(new { State = OverageConsentState.Requested, ApprovedMinutes = 0 });
    }

    [Fact]
    public async Task ShouldRefuseADecision_WhenThePeriodDoesNotAsk()
    {
        await PlanWithTicketAsync();
        await FluentActions.Awaiting(() => ApproveAsync("2")).Should().ThrowAsync<ValidationFailedException>()
            .WithMessage("*does not ask before overage*");
    }

    [Fact]
    public async Task ShouldLeaveHeldTimeOffAnAdHocInvoice()
    {
        var fix = await PlanWithTicketAsync();
        var other = await TicketAsync(Alice, TicketType.Troubleshooting, SupportType.WordPressId, "Plugin update");
        await AskAsync();
        await LogAsync(fix, "10h");
        await LogAsync(other, "2h");
        await ApproveAsync("30m");

        var draftId = await Host.WithAsync<InvoiceService, int>(s => s.CreateFromTicketAsync(Staff, other));
        await using var db = await Host.OpenDbAsync();
        var draft = await db.Invoices.Include(i => i.Lines).SingleAsync(i => i.Id == draftId);
        draft.Lines.Should().ContainSingle().Which.Minutes.Should().Be(30, "only the approved half hour of the ticket's 2 h overage");
    }

    [Fact]
    public async Task ShouldReadHoursStatementsStoredBeforeHeldTimeExisted()
    {
        var fix = await PlanWithTicketAsync();
        await LogAsync(fix, "11h");
        await using var db = await Host.OpenDbAsync();
        var draftId = await db.Invoices.Where(i => i.Kind == InvoiceKind.Usage).Select(i => i.Id).SingleAsync();
        const string before = "[{\"TicketNumber\":1001,\"Title\":\"Site down\",\"Covered\":true,\"LoggedMinutes\":660,\"ChargedMinutes\":660,\"FromPlanMinutes\":600,\"OverageMinutes\":60,\"OutOfPlanMinutes\":0}]";
        await db.Database.ExecuteSqlAsync($"UPDATE Invoices SET HoursStatement = {before} WHERE Id = {draftId}");

        await using var read = await Host.OpenDbAsync();
        (await read.Invoices.SingleAsync(i => i.Id == draftId)).HoursStatement.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { OverageMinutes = 60, HeldMinutes = 0 });
    }

    [Fact]
    public async Task ShouldTellEachSideWhoseApprovalHolds_WhenAnApprovalGivenAheadCoversTheOverage()
    {
        var fix = await PlanWithTicketAsync();
        await AskAsync();
        await ApproveAsync("2");
        await LogAsync(fix, "11h");

        (await ConsentAsync()).Should().BeEquivalentTo(new { State = OverageConsentState.Approved, HeldMinutes = 0 }, "nothing past the 2 approved hours");
        (await OutboxKindsToAsync("alice@acme.test")).Should().Contain("plan-overage").And.NotContain(OverageConsentKeeper.RequestKind);
        (await NotificationsAsync(Alice)).Single(n => n.Title.StartsWith("Your plan hours are used up", StringComparison.Ordinal))
            .Body.Should().EndWith("Further covered time is billed only as far as you approved.");
        (await NotificationsAsync(Staff)).Single(n => n.Title.StartsWith("Acme Dental is over plan", StringComparison.Ordinal))
            .Body.Should().EndWith("Further covered time is billed only as far as the client approved.");
    }
}
