using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Seeding;

public sealed class DemoTimeSeedingTests : DomainTestBase
{
    private static readonly Actor Staff = new("seed-test", PortalRoles.Staff, null);

    private async Task<int> ClientIdAsync(string name) =>
        (await Host.WithAsync<ClientQueries, IReadOnlyList<ClientListItem>>(q => q.ListAsync(Staff))).Single(c => c.Name == name).Id;

    [Theory]
    [InlineData("2026-11-24T15:00:00Z")]
    [InlineData("2026-12-01T05:30:00Z")] // 00:30 on the first day of a period in New York
    [InlineData("2027-03-01T04:59:00Z")] // still Feb 28 in New York
    public async Task ShouldRead7Of10Hours_ForDemoAcmeInTheCurrentPeriod(string now)
    {
        Host.Clock.SetUtcNow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        (await Host.WithAsync<DemoDataSeeder, bool>(s => s.SeedAsync())).Should().BeTrue();
        var acme = await ClientIdAsync(DemoData.AcmeName);
        var birch = await ClientIdAsync(DemoData.BirchName);

        var meter = (await Host.WithAsync<UsageQueries, PlanMeter?>(q => q.GetMeterAsync(Staff, acme)))!;
        meter.Sentence.Should().Be("You've used 7 of 10 hours this month");
        meter.PlanName.Should().Be("Basic Maintenance");
        meter.OutOfPlanMinutes.Should().Be(120);

        var plan = (await Host.WithAsync<PlanQueries, PlanHistory?>(q => q.GetHistoryAsync(Staff, acme)))!;
        plan.Current!.Should().Match<PlanView>(p => p.IncludedMinutes == 600 && p.SupportRateMinor == 95_00 && p.DevelopmentRateMinor == 120_00
            && p.MonthlyFeeMinor == 500_00 && p.CycleDay == 1);
        plan.Current.CoveredSupportTypeNames.Should().Equal("Troubleshooting", "WordPress");
        plan.Periods[1].OverageMinutes.Should().Be(90, "the previous period went 1.5 h over");

        var birchMeter = (await Host.WithAsync<UsageQueries, PlanMeter?>(q => q.GetMeterAsync(Staff, birch)))!;
        birchMeter.HasPlan.Should().BeFalse();
        birchMeter.OutOfPlanMinutes.Should().Be(270);
        birchMeter.SupportRateMinor.Should().Be(90_00);
    }
}
