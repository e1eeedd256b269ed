using KtPortal.Domain.Common;
using KtPortal.Domain.Recurring;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Recurring;

/// <summary>
/// Recurring maintenance work: one ticket per occurrence however often the job runs, the missed ones once each after
/// an outage, a checklist on each ticket that staff tick and the client reads. The host's clock starts on Tuesday
/// 24 November 2026 in New York.
/// </summary>
public sealed class RecurringTicketTests : TicketTestBase
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static RecurringTicketInput Monthly(int day = 24, DateOnly? start = null, string checklist = "Update plugins\nCheck backups") => new(
        "Monthly updates", "Plugins, themes and core.", checklist, TicketType.ServiceRequest, SupportType.WordPressId, TicketPriority.Normal, null,
        RecurrenceKind.Monthly, day, 1, DayOfWeek.Monday, start ?? Today, null);

    private static RecurringTicketInput Weekly(DayOfWeek day) => Monthly() with { Title = "Backups check", Kind = RecurrenceKind.Weekly, DayOfWeek = day };

    private Task<int> SaveAsync(RecurringTicketInput input, int? clientId = null) =>
        Host.WithAsync<RecurringTicketService, int>(s => s.SaveAsync(Staff, clientId ?? AcmeId, null, input, null));

    private Task<int> RunAsync() => Host.WithAsync<RecurringTicketService, int>(s => s.RaiseDueAsync());

    private async Task<List<Ticket>> RaisedAsync()
    {
        await using var db = await Host.OpenDbAsync();
        return await db.Tickets.AsNoTracking().Where(t => db.RecurringOccurrences.Any(o => o.TicketId == t.Id)).OrderBy(t => t.Number).ToListAsync();
    }

    private void MoveToDay(DateOnly day) => Host.Clock.Advance(day.ToDateTime(new TimeOnly(15, 0)) - Host.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task ShouldRaiseOneTicketForAnOccurrence_HoweverOftenTheJobRuns()
    {
        await SaveAsync(Monthly());

        (await RunAsync()).Should().Be(1);
        (await RunAsync()).Should().Be(0);
        (await RunAsync()).Should().Be(0);

        var ticket = (await RaisedAsync()).Should().ContainSingle().Subject;
        ticket.Title.Should().Be("Monthly updates · Nov 2026");
        (ticket.ClientId, ticket.Source, ticket.SupportTypeId).Should().Be((AcmeId, TicketSource.Staff, SupportType.WordPressId));
    }

    [Fact]
    public async Task ShouldRaiseOneTicket_WhenThreeRunsRaceForTheSameOccurrence()
    {
        await SaveAsync(Monthly());

        var counts = await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());

        counts.Sum().Should().Be(1);
        (await RaisedAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task ShouldCatchUpEachMissedOccurrenceOnce_AfterAFiveWeekOutage()
    {
        await SaveAsync(Weekly(DayOfWeek.Wednesday));
        await SaveAsync(Monthly(day: 26));

        MoveToDay(Today.AddDays(35)); // Tuesday 29 December: the portal was down since the 24th of November
        (await RunAsync()).Should().Be(5 + 2);
        (await RunAsync()).Should().Be(0);

        (await RaisedAsync()).Select(t => t.Title).Should().BeEquivalentTo(
            "Backups check · Nov 25, 2026", "Backups check · Dec 2, 2026", "Backups check · Dec 9, 2026", "Backups check · Dec 16, 2026", "Backups check · Dec 23, 2026",
            "Monthly updates · Nov 2026", "Monthly updates · Dec 2026");
    }

    [Fact]
    public async Task ShouldNeverBackfillBeforeItExisted_NorWhilePaused()
    {
        var id = await SaveAsync(Monthly(day: 1, start: new DateOnly(2026, 1, 1)));
        (await RunAsync()).Should().Be(0, "January to November passed before the template existed");

        await Host.WithAsync<RecurringTicketService>(s => s.SetPausedAsync(Staff, id, true));
        MoveToDay(new DateOnly(2027, 1, 5));
        (await RunAsync()).Should().Be(0);
        await Host.WithAsync<RecurringTicketService>(s => s.SetPausedAsync(Staff, id, false));
        (await RunAsync()).Should().Be(0, "December and January 1st were missed while paused");

        MoveToDay(new DateOnly(2027, 2, 1));
        (await RunAsync()).Should().Be(1);
    }

    [Fact]
    public void ShouldFollowEveryNMonthsFromTheStartMonth()
    {
        var template = new RecurringTicket { Kind = RecurrenceKind.Monthly, DayOfMonth = 15, IntervalMonths = 3, StartDate = new DateOnly(2026, 11, 20) };

        RecurrenceSchedule.Between(template, new DateOnly(2026, 11, 1), new DateOnly(2027, 12, 31))
            .Should().Equal(new DateOnly(2027, 2, 15), new DateOnly(2027, 5, 15), new DateOnly(2027, 8, 15), new DateOnly(2027, 11, 15));
    }

    [Fact]
    public async Task ShouldGiveEachTicketTheChecklist_TickedByStaffAndReadByTheClientOnly()
    {
        await SaveAsync(Monthly());
        await RunAsync();
        var number = (await RaisedAsync()).Single().Number;

        var items = await Host.WithAsync<TicketChecklistService, IReadOnlyList<ChecklistItemView>>(s => s.ListAsync(Staff, number));
        items.Select(i => i.Text).Should().Equal("Update plugins", "Check backups");

        await Host.WithAsync<TicketChecklistService>(s => s.SetDoneAsync(Staff, number, items[0].Id, true));
        var seen = await Host.WithAsync<TicketChecklistService, IReadOnlyList<ChecklistItemView>>(s => s.ListAsync(Alice, number));
        seen.Select(i => (i.Text, i.IsDone)).Should().Equal(("Update plugins", true), ("Check backups", false));
        (await Host.WithAsync<TicketChecklistService, IReadOnlyList<ChecklistItemView>>(s => s.ListAsync(Bob, number))).Should().BeEmpty("Birch never sees Acme's ticket");

        var tick = () => Host.WithAsync<TicketChecklistService>(s => s.SetDoneAsync(Alice, number, items[1].Id, true));
        await tick.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task ShouldRefuseAScheduleThatDoesNotRead_AndSaveNothing()
    {
        var act = () => SaveAsync(Monthly(day: 31) with { Title = " ", IntervalMonths = 0, EndDate = Today });

        var errors = (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("Title", "DayOfMonth", "IntervalMonths", "EndDate");
        await using var db = await Host.OpenDbAsync();
        (await db.RecurringTickets.CountAsync()).Should().Be(0);
    }
}
