using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.TimeTracking;

/// <summary>My week: only my own entries, Monday to Sunday, against my capacity; the tickets I am likeliest to log on.</summary>
public sealed class MyWeekQueriesTests : BillingTestBase
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private Task<MyWeek> WeekAsync(DateOnly day, Actor? actor = null) =>
        Host.WithAsync<MyWeekQueries, MyWeek>(q => q.GetAsync(actor ?? Staff, day));

    [Fact]
    public async Task ShouldListOnlyMyEntriesOfTheWeek_WithTotalsPerDayAndTicket()
    {
        var dana = await Host.CreateUserAsync("dana@kt.test", PortalRoles.Staff, null);
        var fix = await TicketAsync(Alice);
        var page = await TicketAsync(Bob, TicketType.ServiceRequest, title: "New page");
        await LogAsync(fix, "1h30m", Monday);
        await LogAsync(fix, "45m", new DateOnly(2026, 11, 24));
        await LogAsync(page, "2h", new DateOnly(2026, 11, 24), billable: false);
        await LogAsync(fix, "3h", new DateOnly(2026, 11, 24), actor: dana);
        await LogAsync(fix, "1h", new DateOnly(2026, 11, 22));

        var week = await WeekAsync(new DateOnly(2026, 11, 26));

        week.Start.Should().Be(Monday);
        week.Entries.Should().HaveCount(3, "Dana's entry and last Sunday's are not in my week");
        week.TotalMinutes.Should().Be(255);
        week.BillableMinutes.Should().Be(135);
        week.MinutesOn(new DateOnly(2026, 11, 24)).Should().Be(165);
        week.CapacityPercent.Should().Be(11, "4.25 of 40 hours");
        week.ByTicket().Select(r => (r.TicketNumber, r.TotalMinutes)).Should().Equal((fix, 135), (page, 120));
        week.ByTicket().Single(r => r.TicketNumber == fix).MinutesPerDay.Should().Equal(90, 45, 0, 0, 0, 0, 0);
        week.Entries.Should().OnlyContain(e => e.Entry.LockReason == null, "November is open");
    }

    [Fact]
    public async Task ShouldOfferMyOpenAssignedTicketsAndRecentOnes_AndFindAnyByNumber()
    {
        var dana = await Host.CreateUserAsync("dana@kt.test", PortalRoles.Staff, null);
        var mine = await TicketAsync(Alice, title: "Assigned to me");
        var logged = await TicketAsync(Alice, title: "Logged lately");
        var theirs = await TicketAsync(Bob, title: "Dana's");
        var stamp = (await GetAsync(Staff, mine))!.ConcurrencyStamp;
        await Host.WithAsync<TicketService, Guid>(s => s.AssignAsync(Staff, mine, Staff.UserId, stamp));
        var theirStamp = (await GetAsync(Staff, theirs))!.ConcurrencyStamp;
        await Host.WithAsync<TicketService, Guid>(s => s.AssignAsync(Staff, theirs, dana.UserId, theirStamp));
        await LogAsync(logged, "20m");

        var picks = (await WeekAsync(Today)).Picks.Select(p => p.Number).ToList();

        picks.Should().BeEquivalentTo([mine, logged]);
        var found = await Host.WithAsync<MyWeekQueries, TicketPick?>(q => q.FindPickAsync(Staff, theirs));
        found!.Label.Should().Be($"KT-{theirs} · Dana's (Birch & Co)");
        (await Host.WithAsync<MyWeekQueries, TicketPick?>(q => q.FindPickAsync(Staff, 99999))).Should().BeNull();
    }

    [Fact]
    public async Task ShouldBeForStaffOnly()
    {
        var asClient = () => WeekAsync(Today, Alice);
        await asClient.Should().ThrowAsync<ForbiddenException>();
    }
}
