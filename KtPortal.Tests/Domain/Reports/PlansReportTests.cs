using KtPortal.Domain.Billing;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Domain.Reports;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>
/// The plans report from data made through the services: a plan changed mid-range, overage, out-of-plan work, the
/// one-hour minimum, a client without a plan, the billing run's invoices and a credit note; checked against the
/// client page's period history (the per-period reader) and the invoices themselves.
/// </summary>
public sealed class PlansReportTests : InvoiceTestBase
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);
    private static readonly DateOnly January = new(2027, 1, 1);

    private Task<PlansReport> PlansAsync(DateOnly from, DateOnly to, int? clientId = null, Actor? actor = null) =>
        Host.WithAsync<PlanReportQueries, PlansReport>(q => q.PlansAsync(actor ?? Staff, from, to, clientId));

    private Task<PlanHistory?> HistoryAsync(int clientId) =>
        Host.WithAsync<PlanQueries, PlanHistory?>(q => q.GetHistoryAsync(Staff, clientId));

    [Fact]
    public async Task ShouldReportEachPeriodsUsageAndInvoicing_AcrossAPlanChange()
    {
        var plan = await CreatePlanAsync(AcmeId, ExamplePlan());
        await LogAsync(await TicketAsync(Alice), "11h30m");
        var development = await TicketAsync(Alice, TicketType.ServiceRequest, SupportType.DevelopmentId, "New page");
        await LogAsync(development, "20m");
        var stamp = (await HistoryAsync(AcmeId))!.Current!.ConcurrencyStamp;
        await Host.WithAsync<PlanService, Guid>(s => s.UpdateAsync(Staff, plan, ExamplePlan(includedHours: 5), stamp));
        await LogAsync(await TicketAsync(Bob), "30m");

        SetToday(new DateOnly(2026, 12, 2));
        await RunAsync(NewYorkMidnight(December).AddHours(12));
        await LogAsync(await TicketAsync(Alice), "2h");
        await LogAsync(development, "1h");

        var report = await PlansAsync(November, new DateOnly(2026, 12, 31));

        var invoices = await AllInvoicesAsync();
        var acme = report.Rows.Where(r => r.ClientId == AcmeId).ToList();
        acme.Select(r => r.Period.Start).Should().Equal(November, December);
        var (nov, dec) = (acme[0], acme[1]);
        nov.Should().BeEquivalentTo(new
        {
            PlanName = "Basic Maintenance", IncludedMinutes = 600, UsedMinutes = 690, OverageMinutes = 90,
            OutOfPlanMinutes = 60, ChargedMinutes = 750, FeeMinor = 500_00L, Closed = true,
        }, "11.5 covered hours of 10, and the development ticket's 20 minutes charged as the one-hour minimum");
        var novemberUsage = invoices.Single(i => i.ClientId == AcmeId && i.Kind == InvoiceKind.Usage && i.Status != InvoiceStatus.Draft);
        nov.UsageInvoicedMinor.Should().Be(novemberUsage.SubtotalMinor).And.Be(BillingMath.Amount(90, 95_00) + BillingMath.Amount(60, 120_00));
        nov.EffectiveHourlyRateMinor.Should().Be((long)Math.Round((500_00m + nov.UsageInvoicedMinor) * 60 / 750, MidpointRounding.AwayFromZero));
        dec.Should().BeEquivalentTo(new
        {
            IncludedMinutes = 300, UsedMinutes = 120, OverageMinutes = 0, OutOfPlanMinutes = 20, ChargedMinutes = 140,
            FeeMinor = 500_00L, UsageInvoicedMinor = 0L, Closed = false,
        }, "the plan's new hours from the next period; the development ticket's minimum, charged in November, covers 40 of its 60 December minutes");

        var history = (await HistoryAsync(AcmeId))!.Periods;
        foreach (var row in acme)
        {
            var same = history.Single(h => h.Period == row.Period);
            (row.UsedMinutes, row.OverageMinutes, row.OutOfPlanMinutes, row.IncludedMinutes)
                .Should().Be((same.UsedMinutes, same.OverageMinutes, same.OutOfPlanMinutes, same.IncludedMinutes), "the batch and the per-period reader are the same rules");
        }

        var birch = report.Rows.Single(r => r.ClientId == BirchId && r.Period.Start == November);
        birch.Should().BeEquivalentTo(new { PlanName = (string?)null, IncludedMinutes = 0, UsedMinutes = 0, OutOfPlanMinutes = 60, ChargedMinutes = 60, FeeMinor = 0L });
        birch.UsageInvoicedMinor.Should().Be(invoices.Where(i => i.ClientId == BirchId && i.Kind == InvoiceKind.Usage && i.Status != InvoiceStatus.Draft).Sum(i => i.SubtotalMinor))
            .And.BeGreaterThan(0, "a client without a plan is billed all its time");
        (await PlansAsync(November, new DateOnly(2026, 11, 30), BirchId)).Rows.Should().ContainSingle().Which.ClientId.Should().Be(BirchId);
    }

    [Fact]
    public async Task ShouldTakeCreditNotesAndVoidsOffWhatAPeriodInvoiced()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        await LogAsync(await TicketAsync(Alice), "12h");
        await RunAsync(NewYorkMidnight(Today).AddHours(12));
        SetToday(new DateOnly(2026, 12, 2));
        await RunAsync(NewYorkMidnight(December).AddHours(12));
        var invoices = await AllInvoicesAsync();
        var usage = invoices.Single(i => i.Kind == InvoiceKind.Usage && i.Status != InvoiceStatus.Draft);
        var decemberFee = invoices.Single(i => i.Kind == InvoiceKind.PlanFee && i.IssueDate >= December);
        await Host.WithAsync<CreditNoteService, int>(async s => await s.CreditInvoiceAsync(Staff, usage.Id, [1], "Goodwill", (await DocumentAsync(usage.Id))!.ConcurrencyStamp));
        await Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(Staff, decemberFee.Id, "Wrong fee", (await DocumentAsync(decemberFee.Id))!.ConcurrencyStamp));

        var rows = (await PlansAsync(November, new DateOnly(2026, 12, 31), AcmeId)).Rows;

        rows[0].UsageInvoicedMinor.Should().Be(0, "the credit note took the whole usage invoice back");
        rows[0].FeeMinor.Should().Be(500_00);
        rows[1].FeeMinor.Should().Be(0, "the December fee was voided");
    }

    [Fact]
    public async Task ShouldFlagAClientOverPlanThreePeriodsRunning_AndOneFarUnder()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        await CreatePlanAsync(BirchId, ExamplePlan(includedHours: 20));
        foreach (var month in new[] { November, December, January })
        {
            SetToday(month.AddDays(month == November ? 23 : 1));
            await LogAsync(await TicketAsync(Alice), "10h30m");
            await LogAsync(await TicketAsync(Bob), "2h");
        }

        SetToday(new DateOnly(2027, 2, 1));
        var twoRunning = await PlansAsync(January, new DateOnly(2027, 1, 31));
        twoRunning.Flags.Select(f => (f.ClientName, f.Fit)).Should().BeEquivalentTo([("Acme Dental", PlanFit.OverPlan), ("Birch & Co", PlanFit.FarUnder)]);
        twoRunning.Flags.Single(f => f.Fit == PlanFit.OverPlan).Periods.Select(p => p.Start).Should().Equal(November, December, January);
        twoRunning.Rows.Should().OnlyContain(r => r.Period.Start == January, "the flag reads earlier periods; the table shows the range");

        (await PlansAsync(December, new DateOnly(2026, 12, 31))).Flags.Should().BeEmpty("by December's end only two periods had closed");
    }

    [Fact]
    public void ShouldNotFlag_WhenARunIsBrokenOrHasNoPlan()
    {
        PlanPeriodRow Row(int month, int used, int overage, string? plan = "Basic") =>
            new(1, "Acme", new BillingPeriodRange(new DateOnly(2026, month, 1), new DateOnly(2026, month + 1, 1)), plan, plan is null ? 0 : 600, used, overage, 0, used, 0, 0, true);
        var to = new DateOnly(2026, 7, 31);

        PlanReportQueries.FlagOf([Row(4, 700, 100), Row(5, 700, 100), Row(6, 700, 100)], to)!.Fit.Should().Be(PlanFit.OverPlan);
        PlanReportQueries.FlagOf([Row(4, 700, 100), Row(5, 600, 0), Row(6, 700, 100)], to).Should().BeNull();
        PlanReportQueries.FlagOf([Row(4, 700, 100), Row(5, 700, 100), Row(6, 0, 0, plan: null)], to).Should().BeNull();
        PlanReportQueries.FlagOf([Row(4, 149, 0), Row(5, 100, 0), Row(6, 0, 0)], to)!.Fit.Should().Be(PlanFit.FarUnder);
        PlanReportQueries.FlagOf([Row(4, 149, 0), Row(5, 150, 0), Row(6, 0, 0)], to).Should().BeNull("150 of 600 is a quarter, not under it");
        PlanReportQueries.FlagOf([Row(5, 700, 100), Row(6, 700, 100)], to).Should().BeNull();
    }

    [Fact]
    public async Task ShouldBeForStaffOnly()
    {
        var asClient = () => PlansAsync(November, December, actor: Bob);
        await asClient.Should().ThrowAsync<ForbiddenException>();
        var backwards = () => PlansAsync(December, November);
        await backwards.Should().ThrowAsync<ValidationFailedException>();
    }
}
