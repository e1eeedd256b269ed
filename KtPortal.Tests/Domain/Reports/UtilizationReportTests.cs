using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Reports;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>Utilization from time logged through the services by two staff members with different capacities.</summary>
public sealed class UtilizationReportTests : BillingTestBase
{
    private static readonly DateOnly November = new(2026, 11, 1);

    private Task<UtilizationReport> ReportAsync(DateOnly from, DateOnly to, UtilizationGrain grain, Actor? actor = null) =>
        Host.WithAsync<UtilizationQueries, UtilizationReport>(q => q.GetAsync(actor ?? Staff, from, to, grain));

    [Fact]
    public async Task ShouldSumLoggedBillableAndChargedPerPerson_AgainstTheirCapacity()
    {
        var admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        var dana = await Host.CreateUserAsync("dana@kt.test", PortalRoles.Staff, null);
        await Host.WithAsync<PeopleService>(s => s.SetCapacityAsync(admin, dana.UserId!, 20 * 60));
        var fix = await TicketAsync(Alice);
        var page = await TicketAsync(Bob, TicketType.ServiceRequest, SupportType.DevelopmentId, "New page");
        await LogAsync(fix, "3h", new DateOnly(2026, 11, 20));
        await LogAsync(fix, "30m", new DateOnly(2026, 11, 23), billable: false);
        await LogAsync(page, "20m", new DateOnly(2026, 11, 24));
        await LogAsync(fix, "2h", new DateOnly(2026, 11, 24), actor: dana);

        var month = await ReportAsync(November, new DateOnly(2026, 11, 30), UtilizationGrain.Month);

        month.Buckets.Should().ContainSingle();
        var sam = month.Cells.Single(c => c.StaffId == Staff.UserId);
        sam.Should().BeEquivalentTo(new { LoggedMinutes = 230, BillableMinutes = 200, ChargedMinutes = 240, CapacityMinutes = 21 * 8 * 60 },
            "three hours and the one-hour minimum for 20 minutes; November 2026 has 21 weekdays of a 40-hour week");
        sam.BillableSharePercent.Should().Be(87);
        sam.UtilizationPercent.Should().Be(2);
        var danaCell = month.Cells.Single(c => c.StaffId == dana.UserId);
        danaCell.Should().BeEquivalentTo(new { LoggedMinutes = 120, BillableMinutes = 120, ChargedMinutes = 120, CapacityMinutes = 21 * 4 * 60 },
            "a 20-hour week");
        month.Cells.Should().Contain(c => c.StaffId == admin.UserId && c.LoggedMinutes == 0, "everyone on the team is listed, time or not");

        var weeks = await ReportAsync(new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 29), UtilizationGrain.Week);
        weeks.Buckets.Select(b => (b.Start, b.End)).Should().Equal(
            (new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 22)), (new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29)));
        weeks.Cells.Where(c => c.StaffId == Staff.UserId).Select(c => (c.LoggedMinutes, c.CapacityMinutes)).Should().Equal((180, 3 * 8 * 60), (50, 40 * 60));
        weeks.Totals().Single(t => t.StaffId == Staff.UserId).LoggedMinutes.Should().Be(230);
    }

    [Fact]
    public async Task ShouldLeaveUtilizationOut_WhenCapacityIsNotTracked()
    {
        var admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        await Host.WithAsync<PeopleService>(s => s.SetCapacityAsync(admin, Staff.UserId!, 0));
        await LogAsync(await TicketAsync(Alice), "1h");

        var cell = (await ReportAsync(November, new DateOnly(2026, 11, 30), UtilizationGrain.Month)).Cells.Single(c => c.StaffId == Staff.UserId);

        cell.CapacityMinutes.Should().Be(0);
        cell.UtilizationPercent.Should().BeNull();
        cell.BillableSharePercent.Should().Be(100);
    }

    [Fact]
    public async Task ShouldRefuseACapacityOutOfRange_AndRecordAChange()
    {
        var admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        foreach (var minutes in new[] { -60, 81 * 60, 7 })
        {
            var set = () => Host.WithAsync<PeopleService>(s => s.SetCapacityAsync(admin, Staff.UserId!, minutes));
            await set.Should().ThrowAsync<ValidationFailedException>();
        }

        var byStaff = () => Host.WithAsync<PeopleService>(s => s.SetCapacityAsync(Staff, Staff.UserId!, 30 * 60));
        await byStaff.Should().ThrowAsync<NotFoundException>("people are managed by admins; to anyone else the page does not exist");

        await Host.WithAsync<PeopleService>(s => s.SetCapacityAsync(admin, Staff.UserId!, 37 * 60 + 30));

        await using var db = await Host.OpenDbAsync();
        (await db.Users.SingleAsync(u => u.Id == Staff.UserId)).WeeklyCapacityMinutes.Should().Be(2250);
        (await db.AuditEntries.SingleAsync(a => a.Kind == AuditKinds.CapacityChanged)).Should().BeEquivalentTo(new { Before = "40 h a week", After = "37.5 h a week" });
    }

    [Fact]
    public async Task ShouldBeForStaffOnly()
    {
        var asClient = () => ReportAsync(November, November, UtilizationGrain.Week, Alice);
        await asClient.Should().ThrowAsync<ForbiddenException>();
    }
}
