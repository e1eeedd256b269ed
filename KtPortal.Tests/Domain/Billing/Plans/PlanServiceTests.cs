using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Tests.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Billing.Plans;

public sealed class PlanServiceTests : BillingTestBase
{
    private Task<PlanHistory?> HistoryAsync(int clientId, Actor? actor = null) =>
        Host.WithAsync<PlanQueries, PlanHistory?>(q => q.GetHistoryAsync(actor ?? Staff, clientId));

    [Fact]
    public async Task ShouldKeepEveryFieldOfTheRules_WhenAPlanIsSaved()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());

        var plan = (await HistoryAsync(AcmeId))!.Current!;
        plan.Should().Match<PlanView>(p => p.Name == "Basic Maintenance" && p.IncludedMinutes == 600 && p.DevelopmentRateMinor == 120_00
            && p.SupportRateMinor == 95_00 && p.MonthlyFeeMinor == 500_00 && p.CycleDay == 1 && p.StartDate == new DateOnly(2026, 11, 1)
            && p.State == PlanState.Active);
        plan.CoveredSupportTypeNames.Should().Equal("Troubleshooting", "WordPress");
    }

    [Fact]
    public async Task ShouldApplyEditsFromTheNextPeriod()
    {
        var id = await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "9h");
        var stamp = (await HistoryAsync(AcmeId))!.Current!.ConcurrencyStamp;

        await Host.WithAsync<PlanService, Guid>(s => s.UpdateAsync(Staff, id, ExamplePlan(includedHours: 5) with { SupportRateMinor = 99_00 }, stamp));

        var november = (await MeterAsync(AcmeId))!;
        november.IncludedMinutes.Should().Be(600);
        november.SupportRateMinor.Should().Be(95_00);
        november.Sentence.Should().Be("You've used 9 of 10 hours this month");

        SetToday(new DateOnly(2026, 12, 1));
        var december = (await MeterAsync(AcmeId))!;
        december.IncludedMinutes.Should().Be(300);
        december.SupportRateMinor.Should().Be(99_00);
    }

    [Fact]
    public async Task ShouldStartANewCycleDay_AfterTheCurrentPeriodEnds()
    {
        var id = await CreatePlanAsync(AcmeId, ExamplePlan());
        var stamp = (await HistoryAsync(AcmeId))!.Current!.ConcurrencyStamp;
        await Host.WithAsync<PlanService, Guid>(s => s.UpdateAsync(Staff, id, ExamplePlan(cycleDay: 15), stamp));

        SetToday(new DateOnly(2026, 12, 5));
        (await MeterAsync(AcmeId))!.Period.Should().Be(new BillingPeriodRange(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 15)));
        SetToday(new DateOnly(2026, 12, 20));
        (await MeterAsync(AcmeId))!.Period.Should().Be(new BillingPeriodRange(new DateOnly(2026, 12, 15), new DateOnly(2027, 1, 15)));
    }

    [Fact]
    public async Task ShouldEndWithTheCurrentPeriodThenApplyTheRateCard_WhenAPlanIsEnded()
    {
        var id = await CreatePlanAsync(AcmeId, ExamplePlan());
        var stamp = (await HistoryAsync(AcmeId))!.Current!.ConcurrencyStamp;

        var end = await Host.WithAsync<PlanService, DateOnly?>(s => s.EndAsync(Staff, id, stamp));

        end.Should().Be(new DateOnly(2026, 12, 1));
        var history = (await HistoryAsync(AcmeId))!;
        history.Current!.State.Should().Be(PlanState.Ending);
        history.CurrentPeriod.Should().Be(new BillingPeriodRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)));
        SetToday(new DateOnly(2026, 12, 2));
        var meter = (await MeterAsync(AcmeId))!;
        meter.HasPlan.Should().BeFalse();
        meter.IncludedMinutes.Should().Be(0);
        (await HistoryAsync(AcmeId))!.Plans.Single().State.Should().Be(PlanState.Ended);
    }

    [Fact]
    public async Task ShouldCancelThePlan_WhenEndedBeforeItStarts()
    {
        var id = await CreatePlanAsync(AcmeId, ExamplePlan(new DateOnly(2026, 12, 1)));
        var plan = (await HistoryAsync(AcmeId))!.Current!;
        plan.State.Should().Be(PlanState.Upcoming);
        (await Host.WithAsync<PlanService, DateOnly?>(s => s.EndAsync(Staff, id, plan.ConcurrencyStamp))).Should().BeNull();
        (await HistoryAsync(AcmeId))!.Plans.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldAllowAtMostOnePlanPerClient_AtATime()
    {
        var id = await CreatePlanAsync(AcmeId, ExamplePlan());
        var second = () => CreatePlanAsync(AcmeId, ExamplePlan(new DateOnly(2026, 12, 1), name: "Premium"));
        (await second.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["StartDate"].Single().Should().Contain("End it first");

        var stamp = (await HistoryAsync(AcmeId))!.Current!.ConcurrencyStamp;
        await Host.WithAsync<PlanService, DateOnly?>(s => s.EndAsync(Staff, id, stamp));
        await CreatePlanAsync(AcmeId, ExamplePlan(new DateOnly(2026, 12, 1), name: "Premium"));
        (await HistoryAsync(AcmeId))!.Plans.Select(p => (p.Name, p.State)).Should().Equal(("Premium", PlanState.Upcoming), ("Basic Maintenance", PlanState.Ending));
    }

    [Theory]
    [InlineData("", 600, 1, 2026, 11, 1, "Name")]
    [InlineData("Basic", -60, 1, 2026, 11, 1, "IncludedMinutes")]
    [InlineData("Basic", 600, 0, 2026, 11, 1, "CycleDay")]
    [InlineData("Basic", 600, 32, 2026, 11, 1, "CycleDay")]
    [InlineData("Basic", 600, 1, 2026, 11, 2, "StartDate")]
    [InlineData("Basic", 600, 1, 2026, 10, 1, "StartDate")]
    public async Task ShouldGiveFieldMessagesAndSaveNothing_WhenAPlanIsInvalid(string name, int minutes, int cycleDay, int y, int m, int d, string field)
    {
        var input = ExamplePlan(new DateOnly(y, m, d), cycleDay) with { Name = name, IncludedMinutes = minutes };
        var act = () => CreatePlanAsync(AcmeId, input);
        (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey(field);
        (await CountAsync<Plan>()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldRefuse_WhenCoveredSupportTypesAreUnknownOrMoneyIsNegative()
    {
        var act = () => CreatePlanAsync(AcmeId, ExamplePlan() with { CoveredSupportTypeIds = [SupportType.WordPressId, 999], MonthlyFeeMinor = -1 });
        var errors = (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors;
        errors.Should().ContainKeys("CoveredSupportTypeIds", "MonthlyFeeMinor");
    }

    [Fact]
    public async Task ShouldCutTheOpenPeriod_WhenAPlanStartsInsideIt()
    {
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "2h", new DateOnly(2026, 11, 10));
        await LogAsync(fix, "1h", new DateOnly(2026, 11, 20));

        await CreatePlanAsync(AcmeId, ExamplePlan(new DateOnly(2026, 11, 15), cycleDay: 15));

        var meter = (await MeterAsync(AcmeId))!;
        meter.Period.Should().Be(new BillingPeriodRange(new DateOnly(2026, 11, 15), new DateOnly(2026, 12, 15)));
        meter.LoggedMinutes.Should().Be(60);
        meter.UsedMinutes.Should().Be(60);
        var history = (await HistoryAsync(AcmeId))!;
        history.Periods.Select(p => (p.Period.Start, p.Period.End, p.PlanName)).Should().Equal(
            (new DateOnly(2026, 11, 15), new DateOnly(2026, 12, 15), "Basic Maintenance"),
            (new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15), null));
    }

    [Fact]
    public async Task ShouldLetOnlyStaffManagePlans_AndClientsSeeOnlyTheirOwn()
    {
        var act = () => Host.WithAsync<PlanService, int>(s => s.CreateAsync(Alice, AcmeId, ExamplePlan()));
        await act.Should().ThrowAsync<ForbiddenException>();
        await CreatePlanAsync(AcmeId, ExamplePlan());
        (await HistoryAsync(AcmeId, Alice))!.Current!.Name.Should().Be("Basic Maintenance");
        (await HistoryAsync(AcmeId, Bob)).Should().BeNull();
    }

    [Fact]
    public async Task ShouldMoveAnUpcomingPlansStart_WithinTheSameRules()
    {
        var id = await CreatePlanAsync(AcmeId, ExamplePlan(new DateOnly(2026, 12, 1)));
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "3h");
        (await MeterAsync(AcmeId))!.HasPlan.Should().BeFalse();
        var stamp = (await HistoryAsync(AcmeId))!.Current!.ConcurrencyStamp;

        var offCycle = () => Host.WithAsync<PlanService, Guid>(s => s.UpdateAsync(Staff, id, ExamplePlan(new DateOnly(2026, 12, 2)), stamp));
        (await offCycle.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("StartDate");

        await Host.WithAsync<PlanService, Guid>(s => s.UpdateAsync(Staff, id, ExamplePlan(new DateOnly(2026, 11, 1)), stamp));
        var meter = (await MeterAsync(AcmeId))!;
        meter.HasPlan.Should().BeTrue();
        meter.Sentence.Should().Be("You've used 3 of 10 hours this month");
    }
}
