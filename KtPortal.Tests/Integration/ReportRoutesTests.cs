using System.Net;
using System.Text;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration;

/// <summary>The reports over HTTP: staff get the page and the CSV in the documented columns; every client user gets 404.</summary>
public sealed class ReportRoutesTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private const string RevenueCsv = "/reports/revenue.csv?from=2026-01-01&to=2026-12-31";

    private const string PlansCsv = "/reports/plans.csv?from=2026-01-01&to=2026-12-31";

    private const string UtilizationCsv = "/reports/utilization.csv?from=2026-11-01&to=2026-11-30&grain=month";

    [Fact]
    public async Task ShouldGiveStaffTheRevenueCsv_WithItsColumns_AndNegativeAmountsAsNumbers()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var birch = (await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(Actor.System)).Single(c => c.Name == DemoData.BirchName).Id;
            await scope.ServiceProvider.GetRequiredService<CreditNoteService>().IssueStandaloneAsync(new Actor("report-test", PortalRoles.Staff, null),
                new StandaloneCreditNoteInput(birch, [new("Goodwill", 7_00)], "Outage"));
        }

        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);
        using var page = await staff.GetAsync("/reports");
        using var csv = await staff.GetAsync(RevenueCsv);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"report-revenue\"");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be("month,client,kind,invoiced,tax,collected,currency");
        lines.Should().Contain(l => l.StartsWith("2026-", StringComparison.Ordinal) && l.Contains(",plan_fee,", StringComparison.Ordinal), "the demo's plan fees");
        lines.Should().Contain(l => l.Contains($"{DemoData.BirchName},credit_note,-7.00,", StringComparison.Ordinal) || l.Contains($"\"{DemoData.BirchName}\",credit_note,-7.00,", StringComparison.Ordinal),
            "a negative amount is a number, not text escaped as a formula");
    }

    [Fact]
    public async Task ShouldAnswer404ToEveryClientUser_OnEveryReportRoute_And400ToABadRange()
    {
        foreach (var email in new[] { DemoData.AliceEmail, DemoData.CarolEmail, DemoData.BobEmail })
        {
            using var client = PortalClient.Create(factory);
            await client.SignInAsync(email);
            foreach (var path in new[] { "/reports", RevenueCsv, "/reports/time.csv?from=2026-01-01&to=2026-12-31", "/reports/receivables.csv", "/reports/unbilled.csv", PlansCsv, UtilizationCsv,
                "/reports/tickets.csv?from=2026-11-01&to=2026-11-30", "/reports/ticket-times.csv?from=2026-11-01&to=2026-11-30", "/reports/backlog.csv?from=2026-11-01&to=2026-11-30" })
            {
                using var response = await client.GetAsync(path);
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{email} asking for {path}");
            }
        }

        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);
        foreach (var bad in new[] { "/reports/revenue.csv", "/reports/revenue.csv?from=2026-12-01&to=2026-01-01", "/reports/revenue.csv?from=2026-01-01&to=2026-12-31&client=x",
            "/reports/plans.csv?from=2026-01-01", "/reports/plans.csv?from=2020-01-01&to=2026-12-31", "/reports/time.csv?from=2026-13-01&to=2026-12-31",
            "/reports/utilization.csv?from=2026-11-01&to=2026-11-30&grain=day" })
        {
            using var response = await staff.GetAsync(bad);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, bad);
        }
    }

    [Fact]
    public async Task ShouldGiveStaffTheTimeAndReceivablesCsv_InTheirDocumentedColumns()
    {
        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);

        using var time = await staff.GetAsync("/reports/time.csv?from=2026-01-01&to=2026-12-31");
        using var receivables = await staff.GetAsync("/reports/receivables.csv");
        using var unbilled = await staff.GetAsync("/reports/unbilled.csv");

        time.StatusCode.Should().Be(HttpStatusCode.OK);
        var timeLines = Encoding.UTF8.GetString(await time.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        timeLines[0].TrimEnd('\r').Should().Be("date,staff,client,ticket,work_type,hours,billable,charged_hours,invoice");
        timeLines.Length.Should().BeGreaterThan(1, "the demo has logged time this year");
        receivables.StatusCode.Should().Be(HttpStatusCode.OK);
        Encoding.UTF8.GetString(await receivables.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Should()
            .StartWith("client,as_of,balance,not_yet_due,days_1_30,days_31_60,days_61_90,over_90_days,credit,currency");
        Encoding.UTF8.GetString(await unbilled.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Should()
            .StartWith("client,pending_charges,unbilled_hours,unbilled_charged_hours,drafts,drafts_total,currency");
    }

    [Fact]
    public async Task ShouldGiveStaffThePlansCsv_OneRowPerClientAndPeriod()
    {
        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);

        using var plans = await staff.GetAsync(PlansCsv + "&client=" + await ClientIdAsync(DemoData.AcmeName));

        plans.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await plans.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be("client,period_start,period_end,included_hours,used_hours,overage_hours,out_of_plan_hours,fee,usage_invoiced,currency");
        lines.Skip(1).Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith(DemoData.AcmeName + ",", StringComparison.Ordinal) && l.EndsWith(",USD", StringComparison.Ordinal));
        lines.Skip(1).Select(l => l.Split(',')[1]).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
    }

    private async Task<int> ClientIdAsync(string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(Actor.System)).Single(c => c.Name == name).Id;
    }

    [Fact]
    public async Task ShouldGiveStaffTheUtilizationCsv_OnePersonAndMonthPerRow()
    {
        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);

        using var csv = await staff.GetAsync(UtilizationCsv);

        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be("staff,period_start,period_end,logged_hours,billable_hours,charged_hours,capacity_hours,billable_share_percent,utilization_percent");
        lines.Skip(1).Should().NotBeEmpty().And.OnlyContain(l => l.Contains(",2026-11-01,2026-11-30,", StringComparison.Ordinal));
        lines.Skip(1).Should().Contain(l => l.Contains(",168.00,", StringComparison.Ordinal), "a 40-hour week over November's 21 weekdays");
    }

    [Theory]
    [InlineData("tickets", "week_start,created,resolved")]
    [InlineData("ticket-times", "priority,type,responded,median_first_response_hours,p90_first_response_hours,resolved,median_resolution_hours,p90_resolution_hours")]
    [InlineData("backlog", "status,age,count")]
    public async Task ShouldGiveStaffTheTicketsCsvFiles(string table, string header)
    {
        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);

        using var csv = await staff.GetAsync($"/reports/{table}.csv?from=2026-01-01&to=2026-12-31");

        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be(header);
        lines.Count.Should().BeGreaterThan(1, "the demo has tickets this year");
    }
}
