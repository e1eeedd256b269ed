using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Reports;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>
/// A client's usage history: its own periods only, newest first, the plans report's figures for one client; money only
/// for those who may see charges; a past period opened with its tickets as the meter shows them.
/// </summary>
public sealed class UsageHistoryTests : InvoiceTestBase
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);

    private Task<UsageHistory?> HistoryAsync(Actor actor, int clientId) =>
        Host.WithAsync<UsageHistoryQueries, UsageHistory?>(q => q.GetAsync(actor, clientId));

    [Fact]
    public async Task ShouldGiveTheClientItsPeriodsNewestFirst_WithMoneyOnlyForThoseWhoMaySeeCharges()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        await LogAsync(await TicketAsync(Alice), "11h");
        await LogAsync(await TicketAsync(Bob), "2h");
        await RunAsync(NewYorkMidnight(Today).AddHours(12));
        SetToday(new DateOnly(2026, 12, 2));
        await RunAsync(NewYorkMidnight(December).AddHours(12));

        var forAlice = (await HistoryAsync(Alice, AcmeId))!;

        forAlice.ShowsMoney.Should().BeTrue();
        forAlice.Rows.Select(r => r.Period.Period.Start).Should().Equal(December, November);
        var november = forAlice.Rows[1];
        november.Period.Should().BeEquivalentTo(new { IncludedMinutes = 600, UsedMinutes = 660, OverageMinutes = 60, FeeMinor = 500_00L, UsageInvoicedMinor = 95_00L, Closed = true });
        november.Invoices.Select(i => i.Kind).Should().BeEquivalentTo([InvoiceKind.PlanFee, InvoiceKind.Usage]);
        var plansReport = await Host.WithAsync<PlanReportQueries, PlansReport>(q => q.PlansAsync(Staff, November, new DateOnly(2026, 12, 31), AcmeId));
        forAlice.Rows.Select(r => r.Period).Reverse().Should().Equal(plansReport.Rows, "the same figures as the plans report");

        var forCarol = (await HistoryAsync(Carol, AcmeId))!;
        forCarol.ShowsMoney.Should().BeFalse("Carol was not given billing access");
        forCarol.Rows.Should().OnlyContain(r => r.Period.RevenueMinor == 0 && r.Invoices.Count == 0);
        forCarol.Rows[1].Period.UsedMinutes.Should().Be(660, "hours are not money: the whole team's usage shows");

        (await HistoryAsync(Bob, AcmeId)).Should().BeNull("Birch's admin never sees Acme");
        (await HistoryAsync(Alice, BirchId)).Should().BeNull();
        (await HistoryAsync(Bob, BirchId))!.Rows.Should().OnlyContain(r => r.Period.ClientId == BirchId).And.Contain(r => r.Period.OutOfPlanMinutes == 120);
    }

    [Fact]
    public async Task ShouldOpenAPastPeriod_WithOnlyTheTicketsTheReaderMayOpen()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var alices = await TicketAsync(Alice, title: "Alice's");
        var carols = await TicketAsync(Carol, title: "Carol's");
        await LogAsync(alices, "2h");
        await LogAsync(carols, "1h");
        SetToday(new DateOnly(2026, 12, 2));

        var forCarol = (await Host.WithAsync<UsageQueries, PlanMeter?>(q => q.GetPeriodMeterAsync(Carol, AcmeId, November)))!;

        forCarol.Period.Start.Should().Be(November);
        forCarol.UsedMinutes.Should().Be(180);
        forCarol.Tickets.Select(t => t.Number).Should().Equal(carols);
        forCarol.OtherTickets!.Count.Should().Be(1);
        (await Host.WithAsync<UsageQueries, PlanMeter?>(q => q.GetPeriodMeterAsync(Bob, AcmeId, November))).Should().BeNull();
        (await Host.WithAsync<UsageQueries, PlanMeter?>(q => q.GetPeriodMeterAsync(Alice, AcmeId, new DateOnly(2026, 10, 1)))).Should().BeNull("there was no October period");
    }

    [Fact]
    public async Task ShouldKeepTheLastTwelvePeriods()
    {
        await using (var db = await Host.OpenDbAsync())
        {
            for (var start = new DateOnly(2025, 9, 1); start < November; start = start.AddMonths(1))
            {
                db.BillingPeriods.Add(new BillingPeriod { ClientId = BirchId, StartDate = start, EndDate = start.AddMonths(1), CreatedAtUtc = DateTime.UtcNow });
            }

            await db.SaveChangesAsync();
        }

        var rows = (await HistoryAsync(Staff, BirchId))!.Rows;

        rows.Should().HaveCount(UsageHistoryQueries.Periods);
        rows[0].Period.Period.Start.Should().Be(November, "the current period, not opened yet, comes first as it will open");
        rows[^1].Period.Period.Start.Should().Be(new DateOnly(2025, 12, 1));
    }
}
