using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>Rule 5 through the billing cycle: plan fee in advance, usage in arrears, each once, whatever happens to the run.</summary>
public sealed class BillingCycleTests : InvoiceTestBase
{
    private static readonly DateOnly Dec1 = new(2026, 12, 1);

    /// <summary>The rules' November: 11.5 h covered (1.5 h overage) and 2 h of out-of-plan development.</summary>
    private async Task<(int Covered, int ServiceRequest)> NovemberWithOverageAsync()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var covered = await TicketAsync(Alice, title: "Contact form broken");
        var request = await TicketAsync(Alice, TicketType.ServiceRequest, SupportType.DevelopmentId, "Booking widget");
        await LogAsync(covered, "11:30", new DateOnly(2026, 11, 3));
        await LogAsync(request, "2h", new DateOnly(2026, 11, 10));
        return (covered, request);
    }

    [Fact]
    public async Task ShouldIssueTheFeeWhenAPeriodOpens_AndTheUsageWhenItCloses_EachOnce()
    {
        var (covered, request) = await NovemberWithOverageAsync();

        var november = await RunAsync(Host.Clock.GetUtcNow());
        november.Issued.Should().ContainSingle().Which.Should().Match<InvoiceSummary>(i =>
            i.Kind == InvoiceKind.PlanFee && i.TotalMinor == 500_00 && i.Number == "INV-2026-0001" && i.DueDate == Today.AddDays(14));

        var december = await RunAsync(NewYorkMidnight(Dec1));
        december.Issued.Select(i => (i.Number, i.Kind, i.TotalMinor)).Should().Equal(
            ("INV-2026-0002", InvoiceKind.Usage, 142_50 + 240_00),
            ("INV-2026-0003", InvoiceKind.PlanFee, 500_00));
        december.PeriodsClosed.Should().Be(2, "Acme's and Birch's November (Birch has nothing to bill)");

        (await RunAsync(NewYorkMidnight(Dec1))).Issued.Should().BeEmpty();
        (await RunAsync(NewYorkMidnight(Dec1).AddHours(6))).Issued.Should().BeEmpty();

        var usage = (await AllInvoicesAsync()).Single(i => i.Kind == InvoiceKind.Usage);
        usage.Lines.OrderBy(l => l.Position).Select(l => (l.TicketNumber, l.Minutes, l.UnitPriceMinor, l.AmountMinor)).Should().Equal(
            (covered, 90, 95_00, 142_50),
            (request, 120, 120_00, 240_00));
        usage.HoursStatement.Should().HaveCount(2);
        usage.HoursStatement.Single(r => r.TicketNumber == covered).Should().Match<HoursStatementRow>(r =>
            r.LoggedMinutes == 690 && r.ChargedMinutes == 690 && r.FromPlanMinutes == 600 && r.OverageMinutes == 90 && r.OutOfPlanMinutes == 0);
        usage.IssueDate.Should().Be(Dec1);
        usage.Status.Should().Be(InvoiceStatus.Issued);
    }

    [Fact]
    public async Task ShouldLockTheBilledTimeAndCloseThePeriod_WhenIssuing()
    {
        var (covered, _) = await NovemberWithOverageAsync();
        await RunAsync(NewYorkMidnight(Dec1));

        await using var db = await Host.OpenDbAsync();
        var period = await db.BillingPeriods.SingleAsync(p => p.ClientId == AcmeId && p.StartDate == new DateOnly(2026, 11, 1));
        period.ClosedAtUtc.Should().Be(NewYorkMidnight(Dec1).UtcDateTime);
        var entries = await db.TimeEntries.Where(e => e.WorkDate < Dec1).ToListAsync();
        entries.Should().OnlyContain(e => e.InvoiceId != null, "every entry with a charge beyond the plan is on the usage invoice");

        SetToday(new DateOnly(2026, 12, 2));
        var entry = (await EntriesAsync(covered)).Single();
        entry.LockReason.Should().Contain("INV-2026-0002");
    }

    [Fact]
    public async Task ShouldIssueNoUsageInvoice_WhenNothingIsBeyondThePlan()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        await LogAsync(await TicketAsync(Alice), "3h", new DateOnly(2026, 11, 3));

        var result = await RunAsync(NewYorkMidnight(Dec1));

        result.Issued.Select(i => i.Kind).Should().Equal(InvoiceKind.PlanFee, InvoiceKind.PlanFee);
        (await AllInvoicesAsync()).Should().NotContain(i => i.Kind == InvoiceKind.Usage);
    }

    [Fact]
    public async Task ShouldBillEachMissedPeriodOnceInDateOrder_AfterThreeMonthsOff()
    {
        await NovemberWithOverageAsync();

        var result = await RunAsync(NewYorkMidnight(new DateOnly(2027, 2, 10)));

        result.Issued.Select(i => (i.Kind, i.Title)).Should().Equal(
            (InvoiceKind.PlanFee, "Basic Maintenance, Nov 1 – Nov 30, 2026"),
            (InvoiceKind.Usage, "Overage and out-of-plan time, Nov 1 – Nov 30, 2026"),
            (InvoiceKind.PlanFee, "Basic Maintenance, Dec 1 – Dec 31, 2026"),
            (InvoiceKind.PlanFee, "Basic Maintenance, Jan 1 – Jan 31, 2027"),
            (InvoiceKind.PlanFee, "Basic Maintenance, Feb 1 – Feb 28, 2027"));
        result.Issued.Select(i => i.Number).Should().Equal("INV-2027-0001", "INV-2027-0002", "INV-2027-0003", "INV-2027-0004", "INV-2027-0005");
        (await RunAsync(NewYorkMidnight(new DateOnly(2027, 2, 10)))).Issued.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldLeaveNoInvoiceAndNoGap_WhenARunIsKilledMidTransaction_AndFinishNextRun()
    {
        await NovemberWithOverageAsync();
        await using (var db = await Host.OpenDbAsync())
        {
            // The database fails the second invoice's e-mail row: the run dies after the invoice and its number were written.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER crash_second_issue BEFORE INSERT ON OutboxMessages
                WHEN NEW.Kind = 'invoice-issued' AND (SELECT COUNT(*) FROM Invoices WHERE Status = 'Issued') >= 2
                BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;
                """);
        }

        var crashed = async () => await RunAsync(NewYorkMidnight(Dec1));
        await crashed.Should().ThrowAsync<DbUpdateException>();
        var afterCrash = await AllInvoicesAsync();
        afterCrash.Where(i => i.Status == InvoiceStatus.Issued).Should().ContainSingle("only the first step committed");
        Sequences(afterCrash).Should().Equal(1);

        await using (var db = await Host.OpenDbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER crash_second_issue;");
        }

        await RunAsync(NewYorkMidnight(Dec1));
        await RunAsync(NewYorkMidnight(Dec1));
        var invoices = await AllInvoicesAsync();
        invoices.Where(i => i.Status == InvoiceStatus.Issued).Select(i => (i.Kind, i.BillingPeriodId)).Should().OnlyHaveUniqueItems().And.HaveCount(3);
        Sequences(invoices).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task ShouldIssueEverythingExactlyOnce_WhenTwoRunsOverlap()
    {
        await NovemberWithOverageAsync();

        await Task.WhenAll(RunAsync(NewYorkMidnight(Dec1)), RunAsync(NewYorkMidnight(Dec1)), RunAsync(NewYorkMidnight(Dec1)));

        var invoices = await AllInvoicesAsync();
        invoices.Select(i => (i.Kind, i.BillingPeriodId)).Should().OnlyHaveUniqueItems().And.HaveCount(3);
        Sequences(invoices).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task ShouldFollowTheOpenPeriodsTime_InADraftUsageInvoice()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var ticket = await TicketAsync(Alice);
        await LogAsync(ticket, "9h", new DateOnly(2026, 11, 3));
        (await AllInvoicesAsync()).Should().BeEmpty("nothing beyond the plan yet");

        var entry = await LogAsync(ticket, "2h", new DateOnly(2026, 11, 4));
        var draft = (await AllInvoicesAsync()).Should().ContainSingle().Subject;
        draft.Should().Match<Invoice>(i => i.Kind == InvoiceKind.Usage && i.Status == InvoiceStatus.Draft && i.Number == null && i.TotalMinor == 95_00);
        (await MeterAsync(AcmeId))!.PendingChargesMinor.Should().Be(draft.TotalMinor);

        await LogAsync(ticket, "1h", new DateOnly(2026, 11, 5));
        (await AllInvoicesAsync()).Single().TotalMinor.Should().Be(190_00, "the draft grows with the overage");
        (await DocumentAsync(draft.Id, Alice))!.Status.Should().Be(InvoiceStatus.Draft, "the client sees pending charges");

        var stamp = (await EntriesAsync(ticket)).Single(e => e.Id == entry).ConcurrencyStamp;
        await Host.WithAsync<KtPortal.Domain.TimeTracking.TimeEntryService>(s => s.DeleteAsync(Staff, entry, stamp));
        (await AllInvoicesAsync()).Should().BeEmpty("back within the plan: the draft goes away");
    }

    [Fact]
    public async Task ShouldFollowCoveredTimeToo_InThePendingHoursStatement()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var request = await TicketAsync(Alice, TicketType.ServiceRequest, SupportType.DevelopmentId, "Booking widget");
        await LogAsync(request, "2h", new DateOnly(2026, 11, 3));
        var covered = await TicketAsync(Alice);

        await LogAsync(covered, "3h", new DateOnly(2026, 11, 4));

        var draft = (await AllInvoicesAsync()).Single();
        draft.TotalMinor.Should().Be(240_00, "covered time within the plan bills nothing");
        draft.HoursStatement.Should().ContainSingle(r => r.TicketNumber == covered && r.FromPlanMinutes == 180);
    }

    [Fact]
    public async Task ShouldSendOverdueRemindersAt1And7And14Days_OnceEach()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        await RunAsync(Host.Clock.GetUtcNow());
        var due = (await AllInvoicesAsync()).Single().DueDate!.Value;

        (await RunAsync(NewYorkMidnight(due))).RemindersQueued.Should().Be(0, "not overdue on its due date");
        (await RunAsync(NewYorkMidnight(due.AddDays(1)))).RemindersQueued.Should().Be(1);
        (await RunAsync(NewYorkMidnight(due.AddDays(3)))).RemindersQueued.Should().Be(0);
        (await RunAsync(NewYorkMidnight(due.AddDays(7)))).RemindersQueued.Should().Be(1);
        (await RunAsync(NewYorkMidnight(due.AddDays(7)))).RemindersQueued.Should().Be(0);
        await RunAsync(NewYorkMidnight(due.AddDays(30)));
        await RunAsync(NewYorkMidnight(due.AddDays(60)));

        // Later plan fees fall overdue too; the first invoice got exactly three reminders, the last at its 14-day stage.
        await using var db = await Host.OpenDbAsync();
        (await db.OutboxMessages.Where(m => m.Kind == "invoice-overdue" && m.Subject.Contains("INV-2026-0001")).Select(m => m.Subject).ToListAsync())
            .Should().HaveCount(3).And.Contain(s => s.Contains("1 day overdue")).And.Contain(s => s.Contains("7 days overdue")).And.Contain(s => s.Contains("30 days overdue"));
        (await db.Invoices.SingleAsync(i => i.Number == "INV-2026-0001")).OverdueReminderDays.Should().Be(14);
    }
}
