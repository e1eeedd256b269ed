using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.TimeTracking;

/// <summary>billing-rules.md through the real services and database: what the meter and the ticket page read.</summary>
public sealed class PeriodUsageTests : BillingTestBase
{
    [Fact]
    public async Task ShouldRead11Point5Of10WithOverageAndOutOfPlan_ForTheRulesExample()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var kt1 = await TicketAsync(Alice, TicketType.Troubleshooting, SupportType.TroubleshootingId);
        var kt2 = await TicketAsync(Alice, TicketType.Troubleshooting, SupportType.WordPressId);
        var kt3 = await TicketAsync(Alice, TicketType.ServiceRequest, SupportType.DevelopmentId);
        var kt4 = await TicketAsync(Alice, TicketType.Troubleshooting, SupportType.WordPressId);
        var day = new DateOnly(2026, 11, 10);

        await LogAsync(kt1, "6h", day);
        await LogAsync(kt2, "15m", day);
        var afterTwo = (await MeterAsync(AcmeId))!;
        afterTwo.Sentence.Should().Be("You've used 7 of 10 hours this month");

        await LogAsync(kt3, "3h", day);
        await LogAsync(kt4, "4.5h", day);
        var meter = (await MeterAsync(AcmeId))!;
        meter.Sentence.Should().Be("You've used 11.5 of 10 hours this month");
        meter.OverageMinutes.Should().Be(90);
        meter.OutOfPlanMinutes.Should().Be(180);
        meter.RemainingMinutes.Should().Be(0);
        meter.PendingChargesMinor.Should().Be(90 * 95_00 / 60 + 3 * 120_00);
        meter.Tickets.Select(t => (t.Number, t.LoggedMinutes, t.ChargedMinutes, t.FromPlanMinutes, t.OverageMinutes, t.OutOfPlanMinutes))
            .Should().Equal(
                (kt1, 360, 360, 360, 0, 0),
                (kt2, 15, 60, 60, 0, 0),
                (kt3, 180, 180, 0, 0, 180),
                (kt4, 270, 270, 180, 90, 0));
        meter.Tickets.Single(t => t.Number == kt2).MinimumApplied.Should().BeTrue();

        var kt4Billing = (await TicketBillingAsync(kt4))!;
        kt4Billing.FromPlanMinutes.Should().Be(180);
        kt4Billing.OverageMinutes.Should().Be(90);
        kt4Billing.AmountMinor.Should().Be(142_50);
        kt4Billing.DefaultRate.Should().Be(new WorkTypeRate(WorkType.Support, 95_00));
        (await TicketBillingAsync(kt3))!.DefaultRate.Should().Be(new WorkTypeRate(WorkType.Development, 120_00));
    }

    [Fact]
    public async Task ShouldGiveTheSameUsage_WhenAnEntryIsBackDated()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan(includedHours: 2));
        var covered = await TicketAsync(Alice);
        var later = await TicketAsync(Alice);
        await LogAsync(later, "2h", new DateOnly(2026, 11, 20));

        // Dated earlier: it deducts first, so the later ticket's time turns into overage.
        await LogAsync(covered, "1h", new DateOnly(2026, 11, 5));

        var meter = (await MeterAsync(AcmeId))!;
        meter.Tickets.Single(t => t.Number == covered).FromPlanMinutes.Should().Be(60);
        meter.Tickets.Single(t => t.Number == later).Should().Match<TicketUsage>(t => t.FromPlanMinutes == 60 && t.OverageMinutes == 60);
    }

    [Fact]
    public async Task ShouldApplyTheOneHourMinimumOncePerTicket_AcrossPeriods()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        SetToday(new DateOnly(2026, 11, 30));
        await LogAsync(fix, "15m", new DateOnly(2026, 11, 30));
        SetToday(new DateOnly(2026, 12, 3));
        await LogAsync(fix, "30m", new DateOnly(2026, 12, 2));
        await LogAsync(fix, "30m", new DateOnly(2026, 12, 3));

        // November charged 60 for 15 logged; December's 60 logged bring the total to 75: 15 more charged.
        var december = (await MeterAsync(AcmeId))!;
        december.LoggedMinutes.Should().Be(60);
        december.ChargedMinutes.Should().Be(15);
        var billing = (await TicketBillingAsync(fix))!;
        billing.Periods.Select(p => (p.Period.Start, p.LoggedMinutes, p.ChargedMinutes, p.Closed))
            .Should().Equal((new DateOnly(2026, 11, 1), 15, 60, true), (new DateOnly(2026, 12, 1), 60, 15, false));
        billing.ChargedMinutes.Should().Be(75);
    }

    [Fact]
    public async Task ShouldCountNothing_ForNonBillableAndDeletedEntries()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "5h", billable: false);
        var id = await LogAsync(fix, "3h");
        var stamp = (await EntriesAsync(fix)).Single(e => e.Id == id).ConcurrencyStamp;
        await Host.WithAsync<KtPortal.Domain.TimeTracking.TimeEntryService>(s => s.DeleteAsync(Staff, id, stamp));
        await LogAsync(fix, "20m");

        var meter = (await MeterAsync(AcmeId))!;
        meter.LoggedMinutes.Should().Be(20);
        meter.UsedMinutes.Should().Be(60);
    }

    [Fact]
    public async Task ShouldUseCalendarMonthsAndTheRateCard_WhenAClientHasNoPlan()
    {
        var fix = await TicketAsync(Bob);
        var feature = await TicketAsync(Bob, TicketType.ServiceRequest, SupportType.DevelopmentId);
        await LogAsync(fix, "30m");
        await LogAsync(feature, "2h");

        var meter = (await MeterAsync(BirchId))!;
        meter.HasPlan.Should().BeFalse();
        meter.Period.Should().Be(new BillingPeriodRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)));
        meter.IncludedMinutes.Should().Be(0);
        meter.UsedMinutes.Should().Be(0);
        meter.OutOfPlanMinutes.Should().Be(180);

        // Host.CreateClientAsync gives every client the rate card dev $120, support $95.
        meter.PendingChargesMinor.Should().Be(95_00 + 2 * 120_00);
    }

    [Fact]
    public async Task ShouldStartEachPeriodWithFullHours_WithoutRollover()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "2h", new DateOnly(2026, 11, 3));

        SetToday(new DateOnly(2027, 1, 5));
        var meter = (await MeterAsync(AcmeId))!;
        meter.Period.Should().Be(new BillingPeriodRange(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1)));
        meter.UsedMinutes.Should().Be(0);
        meter.IncludedMinutes.Should().Be(600);
        meter.DaysLeft.Should().Be(27);

        var history = (await Host.WithAsync<PlanQueries, PlanHistory?>(q => q.GetHistoryAsync(Staff, AcmeId)))!;
        history.Periods.Select(p => (p.Period.Start, p.IncludedMinutes, p.UsedMinutes, p.Closed)).Should().Equal(
            (new DateOnly(2027, 1, 1), 600, 0, false),
            (new DateOnly(2026, 12, 1), 600, 0, true),
            (new DateOnly(2026, 11, 1), 600, 120, true));
    }

    [Fact]
    public async Task ShouldFallOnTheLastDay_WhenCycleDay31MeetsShortMonthsAndLeapFebruary()
    {
        SetToday(new DateOnly(2028, 1, 31));
        await CreatePlanAsync(AcmeId, ExamplePlan(new DateOnly(2028, 1, 31), cycleDay: 31));
        var fix = await TicketAsync(Alice);

        SetToday(new DateOnly(2028, 2, 28));
        await LogAsync(fix, "1h", new DateOnly(2028, 2, 28));
        (await MeterAsync(AcmeId))!.Period.Should().Be(new BillingPeriodRange(new DateOnly(2028, 1, 31), new DateOnly(2028, 2, 29)));

        SetToday(new DateOnly(2028, 2, 29));
        await LogAsync(fix, "2h", new DateOnly(2028, 2, 29));
        (await MeterAsync(AcmeId))!.Period.Should().Be(new BillingPeriodRange(new DateOnly(2028, 2, 29), new DateOnly(2028, 3, 31)));
        (await MeterAsync(AcmeId))!.LoggedMinutes.Should().Be(120);

        SetToday(new DateOnly(2028, 4, 30));
        (await MeterAsync(AcmeId))!.Period.Should().Be(new BillingPeriodRange(new DateOnly(2028, 4, 30), new DateOnly(2028, 5, 31)));
    }

    [Fact]
    public async Task ShouldFollowThePortalTimeZoneNotUtc_ForWorkDatesAndPeriods()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());

        // 02:00 UTC on Dec 1 is still Nov 30 in New York: November's period is the open one.
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var meter = (await MeterAsync(AcmeId))!;
        meter.Period.Start.Should().Be(new DateOnly(2026, 11, 1));
        meter.DaysLeft.Should().Be(1);

        // Five hours later it is Dec 1 in New York as well.
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero));
        (await MeterAsync(AcmeId))!.Period.Start.Should().Be(new DateOnly(2026, 12, 1));
    }

    [Fact]
    public async Task ShouldScopeTicketBilling_LikeTheTicket()
    {
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "1h");
        (await TicketBillingAsync(fix, Bob)).Should().BeNull();
        (await TicketBillingAsync(fix, Alice))!.ChargedMinutes.Should().Be(60);
        (await MeterAsync(AcmeId, Bob)).Should().BeNull();
    }

    [Fact]
    public async Task ShouldSayCoveredWithHoursLeftOrBilledAtTheRightRate_InTheCoveragePreview()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "6h");

        Task<CoveragePreview?> PreviewAsync(KtPortal.Domain.Common.Actor actor, int clientId, TicketType type, int supportType) =>
            Host.WithAsync<UsageQueries, CoveragePreview?>(q => q.GetCoverageAsync(actor, clientId, type, supportType));

        var wordpress = (await PreviewAsync(Alice, AcmeId, TicketType.Troubleshooting, SupportType.WordPressId))!;
        wordpress.Should().Match<CoveragePreview>(p => p.Covered && p.RemainingMinutes == 240 && p.IncludedMinutes == 600 && p.PlanName == "Basic Maintenance");
        wordpress.Rate.Should().Be(new WorkTypeRate(WorkType.Support, 95_00));

        var feature = (await PreviewAsync(Alice, AcmeId, TicketType.ServiceRequest, SupportType.DevelopmentId))!;
        feature.Covered.Should().BeFalse();
        feature.Rate.Should().Be(new WorkTypeRate(WorkType.Development, 120_00));

        var birch = (await PreviewAsync(Bob, BirchId, TicketType.Troubleshooting, SupportType.TroubleshootingId))!;
        birch.HasPlan.Should().BeFalse();
        birch.Covered.Should().BeFalse();

        (await PreviewAsync(Bob, AcmeId, TicketType.Troubleshooting, SupportType.WordPressId)).Should().BeNull("another client's plan is not Bob's business");
    }
}
