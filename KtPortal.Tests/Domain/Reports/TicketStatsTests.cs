using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Reports;
using KtPortal.Domain.Settings;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.Tickets.Stats;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>
/// The tickets report's stored figures (each ticket's minutes, the agency's day counts) stay what the tickets say through
/// replies, resolutions, reopening and edits, and the agency-wide percentiles read through them are the exact ones.
/// </summary>
public sealed class TicketStatsTests : BillingTestBase
{
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly DateOnly To = new(2026, 12, 31);

    private Task ReplyAsync(int number) =>
        Host.WithAsync<TicketConversationService, int>(s => s.AddCommentAsync(Staff, number, "On it.", false));

    private Task MoveAsync(int number, TicketStatus status) =>
        Host.WithAsync<TicketService, StatusMove>(s => s.ChangeStatusAsync(Staff, number, status));

    [Fact]
    public async Task ShouldKeepTheDayCountsAndMinutes_AsARebuildFromTheTicketsWouldCountThem()
    {
        var numbers = await RaiseAndWorkAsync(18);

        await ShouldMatchTheTicketsAsync();
        var misses = TicketReportQueries.BandMisses;
        var agency = await Host.WithAsync<TicketReportQueries, TicketsReport>(q => q.GetAsync(Staff, From, To));
        var expected = await ExpectedAsync();
        agency.Overall.Should().Be(expected.Overall, "the day counts place each percentile and the band is then read exactly");
        agency.Times.Should().BeEquivalentTo(expected.Times);
        agency.Weeks.Should().Equal(expected.Weeks);
        agency.Created.Should().Be(numbers.Count);
        TicketReportQueries.BandMisses.Should().Be(misses, "every percentile was found in the band the day counts gave");

        await MoveAsync(numbers[0], TicketStatus.InProgress);
        await ShouldMatchTheTicketsAsync();
        (await Host.WithAsync<TicketReportQueries, TicketsReport>(q => q.GetAsync(Staff, From, To))).Overall.Should().Be((await ExpectedAsync()).Overall,
            "a reopened ticket's resolution no longer counts");
    }

    [Fact]
    public async Task ShouldCountTheDaysAgain_WhenThePortalMovesToAnotherTimeZone()
    {
        await RaiseAndWorkAsync(6);
        var admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
        var view = await Host.WithAsync<AgencySettingsService, AgencySettingsView>(s => s.GetAsync(admin));
        await Host.WithAsync<AgencySettingsService, Guid>(s => s.SaveAsync(admin, view.Values with { TimeZoneId = "Pacific/Auckland" }, view.ConcurrencyStamp));
        Host.Get<AgencySettingsStore>().Portal.TimeZone.Id.Should().Be("Pacific/Auckland");

        await ShouldMatchTheTicketsAsync();
    }

    /// <summary>Tickets raised over a few weeks, answered after different waits (minutes to days), some resolved and one re-prioritised.</summary>
    private async Task<List<int>> RaiseAndWorkAsync(int count)
    {
        var numbers = new List<int>();
        var waits = new[] { 7, 20, 45, 95, 200, 600, 1500, 3000, 9000 };
        for (var i = 0; i < count; i++)
        {
            var number = await RaiseAsync(i % 3 == 0 ? Bob : Alice, NewInput($"Issue {i}"));
            numbers.Add(number);
            Host.Clock.Advance(TimeSpan.FromMinutes(waits[i % waits.Length]));
            if (i % 4 != 3)
            {
                await ReplyAsync(number);
            }

            if (i % 2 == 0)
            {
                Host.Clock.Advance(TimeSpan.FromMinutes(waits[(i + 3) % waits.Length]));
                await MoveAsync(number, TicketStatus.Resolved);
            }

            if (i == 5)
            {
                var read = (await GetAsync(Staff, number))!;
                await Host.WithAsync<TicketService, Guid>(s => s.UpdateAsync(Staff, number,
                    new TicketEditInput(read.Type, read.SupportTypeId, TicketPriority.Urgent, read.Title, read.Description), read.ConcurrencyStamp));
            }
        }

        return numbers;
    }

    /// <summary>Each ticket's minutes are its own dates' difference, the kept day counts equal a rebuild, and the migration's SQL agrees.</summary>
    private async Task ShouldMatchTheTicketsAsync()
    {
        await using var db = await Host.OpenDbAsync();
        var tickets = await db.Tickets.AsNoTracking().ToListAsync();
        tickets.Should().OnlyContain(t => t.FirstResponseMinutes == (t.FirstResponseAtUtc == null ? null : TicketTimeBands.Minutes(t.CreatedAtUtc, t.FirstResponseAtUtc.Value)));
        tickets.Should().OnlyContain(t => t.ResolutionMinutes == (t.ResolvedAtUtc == null || !(t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed)
            ? null : TicketTimeBands.Minutes(t.CreatedAtUtc, t.ResolvedAtUtc.Value)));
        tickets.Should().Contain(t => t.ResolutionMinutes != null).And.Contain(t => t.FirstResponseMinutes == null);

        var kept = await StatsAsync(db);
        await TicketStatsRebuild.RebuildAsync(db, Host.Get<AgencySettingsStore>().Portal);
        (await StatsAsync(db)).Should().BeEquivalentTo(kept);

        await db.Tickets.ExecuteUpdateAsync(s => s.SetProperty(t => t.FirstResponseMinutes, -1).SetProperty(t => t.ResolutionMinutes, -1));
        await db.Database.ExecuteSqlRawAsync(TicketMinutesBackfill.Sqlite);
        (await db.Tickets.AsNoTracking().ToDictionaryAsync(t => t.Id, t => (t.FirstResponseMinutes, t.ResolutionMinutes)))
            .Should().BeEquivalentTo(tickets.ToDictionary(t => t.Id, t => (t.FirstResponseMinutes, t.ResolutionMinutes)));
    }

    private static Task<List<(DateOnly, TicketTimeMeasure, TicketPriority, TicketType, int, int)>> StatsAsync(KtPortalDbContext db) =>
        db.TicketDayStats.AsNoTracking().Select(s => ValueTuple.Create(s.Day, s.Measure, s.Priority, s.Type, s.Band, s.Count)).ToListAsync();

    /// <summary>The report the obvious way: every ticket of the range read and sorted in memory.</summary>
    private async Task<(TimesSummary Overall, List<TicketTimes> Times, List<TicketWeek> Weeks)> ExpectedAsync()
    {
        await using var db = await Host.OpenDbAsync();
        var settings = Host.Get<AgencySettingsStore>().Portal;
        DateOnly Day(DateTime at) => settings.LocalDate(new DateTimeOffset(at, TimeSpan.Zero));
        var all = await db.Tickets.AsNoTracking().ToListAsync();
        var raised = all.Where(t => Day(t.CreatedAtUtc) >= From && Day(t.CreatedAtUtc) <= To).ToList();
        var resolved = all.Where(t => t.ResolvedAtUtc is { } r && (t.Status is TicketStatus.Resolved or TicketStatus.Closed) && Day(r) >= From && Day(r) <= To).ToList();
        List<int> Responses(IEnumerable<Ticket> set) => [.. set.Where(t => t.FirstResponseAtUtc != null).Select(t => TicketTimeBands.Minutes(t.CreatedAtUtc, t.FirstResponseAtUtc!.Value)).Order()];
        List<int> Resolutions(IEnumerable<Ticket> set) => [.. set.Select(t => TicketTimeBands.Minutes(t.CreatedAtUtc, t.ResolvedAtUtc!.Value)).Order()];
        TimesSummary Summary(List<int> responses, List<int> resolutions) => new(
            responses.Count, TicketsReport.Percentile(responses, 50), TicketsReport.Percentile(responses, 90),
            resolutions.Count, TicketsReport.Percentile(resolutions, 50), TicketsReport.Percentile(resolutions, 90));

        var times = new List<TicketTimes>();
        foreach (var group in raised.Concat(resolved).Select(t => (t.Priority, t.Type)).Distinct())
        {
            var s = Summary(Responses(raised.Where(t => (t.Priority, t.Type) == group)), Resolutions(resolved.Where(t => (t.Priority, t.Type) == group)));
            times.Add(new TicketTimes(group.Priority, group.Type, s.Responded, s.MedianFirstResponseMinutes, s.P90FirstResponseMinutes,
                s.Resolved, s.MedianResolutionMinutes, s.P90ResolutionMinutes));
        }

        var weeks = UtilizationReport.BucketsOf(From, To, UtilizationGrain.Week).Select(w => new TicketWeek(w.Start,
            raised.Count(t => Day(t.CreatedAtUtc) >= w.Start && Day(t.CreatedAtUtc) <= w.End),
            resolved.Count(t => Day(t.ResolvedAtUtc!.Value) >= w.Start && Day(t.ResolvedAtUtc!.Value) <= w.End))).ToList();
        return (Summary(Responses(raised), Resolutions(resolved)), times, weeks);
    }
}
