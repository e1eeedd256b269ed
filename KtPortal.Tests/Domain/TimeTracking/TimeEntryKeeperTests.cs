using KtPortal.Domain.Data;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.TimeTracking;

/// <summary>
/// The stored charge of every entry (<see cref="TimeEntry.ChargedMinutes"/>) stays what rule 1 gives over the ticket's
/// whole life, through every way time changes, and equals what the migration's SQL computes from scratch.
/// </summary>
public sealed class TimeEntryKeeperTests : BillingTestBase
{
    [Fact]
    public async Task ShouldRechargeTheTicketsEntries_WhenTimeIsLoggedEditedBackDatedAndDeleted()
    {
        var ticket = await TicketAsync(Alice);
        var other = await TicketAsync(Bob);
        var first = await LogAsync(ticket, "15m", new DateOnly(2026, 11, 20));
        var second = await LogAsync(ticket, "30m", new DateOnly(2026, 11, 21));
        var third = await LogAsync(ticket, "30m", new DateOnly(2026, 11, 22));
        var elsewhere = await LogAsync(other, "2h", new DateOnly(2026, 11, 20));
        (await StoredAsync(first, second, third, elsewhere)).Should().Equal([60, 0, 15, 120], "billing-rules.md's own example, and a ticket of its own");

        await EditAsync(first, new TimeEntryInput(new DateOnly(2026, 11, 20), "90m"));
        (await StoredAsync(first, second, third)).Should().Equal([90, 30, 30], "with the hour used up by the first entry, the later ones charge what they log");

        var backDated = await LogAsync(ticket, "10m", new DateOnly(2026, 11, 19));
        (await StoredAsync(backDated, first, second, third)).Should().Equal([60, 40, 30, 30], "an earlier entry now carries the minimum");

        await EditAsync(backDated, new TimeEntryInput(new DateOnly(2026, 11, 19), "10m", Billable: false));
        (await StoredAsync(backDated, first)).Should().Equal([0, 90]);

        await DeleteAsync(first);
        (await StoredAsync(backDated, second, third)).Should().Equal([0, 60, 0], "without the 90 minutes, the 30 minutes logged next carry the hour");

        await EditAsync(third, new TimeEntryInput(new DateOnly(2026, 11, 18), "30m"));
        (await StoredAsync(third, backDated, second)).Should().Equal([60, 0, 0], "moved before the others, it carries the minimum");
        (await StoredAsync(elsewhere)).Should().Equal([120], "another ticket's time is never touched");
        await ShouldMatchRuleOneAndTheBackfillAsync();
    }

    [Fact]
    public async Task ShouldChargeTimeFromTheTimer_AsAnyOtherEntry()
    {
        var ticket = await TicketAsync(Alice);
        await LogAsync(ticket, "45m", ClockToday.AddDays(-1));
        await Host.WithAsync<TimerService>(s => s.StartAsync(Staff, ticket));
        Host.Clock.Advance(TimeSpan.FromMinutes(40));
        var fromTimer = await Host.WithAsync<TimerService, long>(s => s.StopAsync(Staff, "checked the logs"));

        (await StoredAsync(fromTimer)).Should().Equal([25], "45 minutes were charged an hour; 85 logged in all");
        await ShouldMatchRuleOneAndTheBackfillAsync();
    }

    [Fact]
    public async Task ShouldCopyTheTicketsClientAndSupportType_AndFollowASupportTypeChange()
    {
        var ticket = await TicketAsync(Bob);
        var entry = await LogAsync(ticket, "2h");
        await using (var db = await Host.OpenDbAsync())
        {
            var stored = await db.TimeEntries.SingleAsync(e => e.Id == entry);
            (stored.ClientId, stored.SupportTypeId).Should().Be((BirchId, SupportType.TroubleshootingId));
        }

        var read = (await GetAsync(Staff, ticket))!;
        await Host.WithAsync<TicketService, Guid>(s => s.UpdateAsync(Staff, ticket,
            new TicketEditInput(read.Type, SupportType.WordPressId, read.Priority, read.Title, read.Description), read.ConcurrencyStamp));

        await using (var db = await Host.OpenDbAsync())
        {
            (await db.TimeEntries.SingleAsync(e => e.Id == entry)).SupportTypeId.Should().Be(SupportType.WordPressId, "coverage follows the ticket's type");
        }

        await ShouldMatchRuleOneAndTheBackfillAsync();
    }

    [Fact]
    public async Task ShouldRefuseASynchronousSave_AndWriteNothing()
    {
        var ticket = await TicketAsync(Alice);
        var entry = await LogAsync(ticket, "1h");
        await using var db = await Host.OpenDbAsync();
        (await db.TimeEntries.SingleAsync(e => e.Id == entry)).Minutes = 120;

        var save = () => db.SaveChanges();

        save.Should().Throw<InvalidOperationException>().WithMessage("*SaveChangesAsync*");
        await using var fresh = await Host.OpenDbAsync();
        (await fresh.TimeEntries.SingleAsync(e => e.Id == entry)).Minutes.Should().Be(60);
    }

    /// <summary>
    /// Every stored charge equals rule 1 over all entries and every copied column its ticket's, and the migration's SQL,
    /// run again from nothing, agrees.
    /// </summary>
    private async Task ShouldMatchRuleOneAndTheBackfillAsync()
    {
        await using var db = await Host.OpenDbAsync();
        var entries = await db.TimeEntries.AsNoTracking().ToListAsync();
        var tickets = await db.Tickets.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var expected = OneHourMinimum.Charges(entries.Select(e => new OneHourMinimum.Entry(e.Id, e.TicketId, e.WorkDate, e.CreatedAtUtc, e.Minutes, e.Billable)));
        entries.Should().OnlyContain(e => e.ChargedMinutes == expected[e.Id]
            && e.ClientId == tickets[e.TicketId].ClientId && e.SupportTypeId == tickets[e.TicketId].SupportTypeId);

        await db.TimeEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.ChargedMinutes, -1).SetProperty(e => e.ClientId, 0).SetProperty(e => e.SupportTypeId, 0));
        await db.Database.ExecuteSqlRawAsync(TimeEntryBackfill.Sqlite);
        var recomputed = await db.TimeEntries.AsNoTracking().ToListAsync();
        recomputed.ToDictionary(e => e.Id, e => e.ChargedMinutes).Should().BeEquivalentTo(expected);
        recomputed.Should().OnlyContain(e => e.ClientId == tickets[e.TicketId].ClientId && e.SupportTypeId == tickets[e.TicketId].SupportTypeId);
    }

    private async Task<int[]> StoredAsync(params long[] ids)
    {
        await using var db = await Host.OpenDbAsync();
        var stored = await db.TimeEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.ChargedMinutes);
        return [.. ids.Select(id => stored[id])];
    }

    private async Task EditAsync(long id, TimeEntryInput input)
    {
        var stamp = await StampAsync(id);
        await Host.WithAsync<TimeEntryService, Guid>(s => s.UpdateAsync(Staff, id, input, stamp));
    }

    private async Task DeleteAsync(long id)
    {
        var stamp = await StampAsync(id);
        await Host.WithAsync<TimeEntryService>(s => s.DeleteAsync(Staff, id, stamp));
    }

    private async Task<Guid> StampAsync(long id)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.TimeEntries.Where(e => e.Id == id).Select(e => e.ConcurrencyStamp).SingleAsync();
    }
}
