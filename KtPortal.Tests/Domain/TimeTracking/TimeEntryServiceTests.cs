using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Tests.Domain.TimeTracking;

public sealed class TimeEntryServiceTests : BillingTestBase
{
    [Fact]
    public async Task ShouldSaveTheEntryWithTheTicketTypesWorkType_WhenLogging()
    {
        var fix = await TicketAsync(Alice);
        var feature = await TicketAsync(Alice, TicketType.ServiceRequest, SupportType.DevelopmentId);

        await LogAsync(fix, "1:30");
        await LogAsync(feature, "45m");

        var fixEntries = await EntriesAsync(fix);
        fixEntries.Should().ContainSingle().Which.Should().Match<TimeEntryView>(e =>
            e.Minutes == 90 && e.WorkType == WorkType.Support && e.Billable && e.WorkDate == Today && e.StaffId == Staff.UserId && !e.Locked);
        (await EntriesAsync(feature)).Single().WorkType.Should().Be(WorkType.Development);
    }

    [Fact]
    public async Task ShouldLetStaffChooseAnotherWorkTypeAndNonBillable()
    {
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "2h", billable: false, workType: WorkType.Development);

        var entry = (await EntriesAsync(fix)).Single();
        entry.WorkType.Should().Be(WorkType.Development);
        entry.Billable.Should().BeFalse();
        (await MeterAsync(AcmeId))!.ChargedMinutes.Should().Be(0);
    }

    [Fact]
    public async Task ShouldRefuseToLogOrListTime_ForClientUsers()
    {
        var fix = await TicketAsync(Alice);
        var log = () => LogAsync(fix, "1h", actor: Alice);
        await log.Should().ThrowAsync<ForbiddenException>();
        var list = () => Host.WithAsync<TimeEntryService, IReadOnlyList<TimeEntryView>>(s => s.ListForTicketAsync(Alice, fix));
        await list.Should().ThrowAsync<ForbiddenException>();
        (await CountAsync<TimeEntry>()).Should().Be(0);
    }

    [Theory]
    [InlineData("nonsense", "Duration", "is not a duration")]
    [InlineData("25h", "Duration", "1 minute to 24 hours")]
    public async Task ShouldGiveAFieldMessageAndSaveNothing_WhenInputIsBad(string duration, string field, string message)
    {
        var fix = await TicketAsync(Alice);
        var act = () => LogAsync(fix, duration);
        var error = await act.Should().ThrowAsync<ValidationFailedException>();
        error.Which.Errors[field].Should().ContainSingle(m => m.Contains(message));
        (await CountAsync<TimeEntry>()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldRefuse_WhenTheWorkDateIsFutureOrTheNoteTooLong()
    {
        var fix = await TicketAsync(Alice);
        var future = () => LogAsync(fix, "1h", Today.AddDays(1));
        (await future.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["WorkDate"].Single().Should().Contain("future");

        var longNote = () => Host.WithAsync<TimeEntryService, long>(s =>
            s.LogAsync(Staff, fix, new TimeEntryInput(Today, "1h", Note: new string('x', TimeEntry.NoteMaxLength + 1))));
        (await longNote.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Note");
        (await CountAsync<TimeEntry>()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldRefuseChangesAndSayWhereToLog_WhenThePeriodIsClosed()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        SetToday(new DateOnly(2026, 11, 30));
        var id = await LogAsync(fix, "1h", new DateOnly(2026, 11, 30));
        SetToday(new DateOnly(2026, 12, 2));

        var add = () => LogAsync(fix, "1h", new DateOnly(2026, 11, 29));
        var addError = (await add.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["WorkDate"].Single();
        addError.Should().Contain("Nov 1 – Nov 30, 2026 is closed").And.Contain("Log the correction in the open period");

        var entry = (await EntriesAsync(fix)).Single();
        entry.LockReason.Should().Contain("is closed");
        var edit = () => Host.WithAsync<TimeEntryService, Guid>(s => s.UpdateAsync(Staff, id, new TimeEntryInput(new DateOnly(2026, 11, 30), "2h"), entry.ConcurrencyStamp));
        await edit.Should().ThrowAsync<ValidationFailedException>();
        var move = () => Host.WithAsync<TimeEntryService, Guid>(s => s.UpdateAsync(Staff, id, new TimeEntryInput(new DateOnly(2026, 12, 1), "1h"), entry.ConcurrencyStamp));
        await move.Should().ThrowAsync<ValidationFailedException>();
        var delete = () => Host.WithAsync<TimeEntryService>(s => s.DeleteAsync(Staff, id, entry.ConcurrencyStamp));
        await delete.Should().ThrowAsync<ValidationFailedException>();
        (await EntriesAsync(fix)).Single().Minutes.Should().Be(60);

        // The correction goes into the open period.
        await LogAsync(fix, "30m", new DateOnly(2026, 12, 1));
        (await MeterAsync(AcmeId))!.LoggedMinutes.Should().Be(30);
    }

    [Fact]
    public async Task ShouldRecomputeUsage_WhenEditingOrDeletingInTheOpenPeriod()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        var id = await LogAsync(fix, "2h");
        var stamp = (await EntriesAsync(fix)).Single().ConcurrencyStamp;

        var newStamp = await Host.WithAsync<TimeEntryService, Guid>(s => s.UpdateAsync(Staff, id, new TimeEntryInput(Today, "3h", Note: "more"), stamp));
        (await MeterAsync(AcmeId))!.UsedMinutes.Should().Be(180);

        var stale = () => Host.WithAsync<TimeEntryService>(s => s.DeleteAsync(Staff, id, stamp));
        await stale.Should().ThrowAsync<ConcurrencyConflictException>();

        await Host.WithAsync<TimeEntryService>(s => s.DeleteAsync(Staff, id, newStamp));
        (await MeterAsync(AcmeId))!.UsedMinutes.Should().Be(0);
        (await EntriesAsync(fix)).Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldPublishAUsageChangeForTheClientOnly_WhenLogging()
    {
        var fix = await TicketAsync(Alice);
        var seenByAlice = new System.Collections.Concurrent.ConcurrentQueue<PortalChange>();
        var seenByBob = new System.Collections.Concurrent.ConcurrentQueue<PortalChange>();
        var notifier = Host.Get<IChangeNotifier>();
        using var a = notifier.Subscribe(Alice, c => { seenByAlice.Enqueue(c); return Task.CompletedTask; });
        using var b = notifier.Subscribe(Bob, c => { seenByBob.Enqueue(c); return Task.CompletedTask; });

        await LogAsync(fix, "1h");

        await Eventually.TrueAsync(() => seenByAlice.Any(c => c.Topic == PortalChange.Topics.Usage), "Alice's page hears about the usage change");
        seenByAlice.Should().ContainSingle(c => c.Topic == PortalChange.Topics.Usage && c.ClientId == AcmeId);
        seenByBob.Should().NotContain(c => c.Topic == PortalChange.Topics.Usage);
    }
}
