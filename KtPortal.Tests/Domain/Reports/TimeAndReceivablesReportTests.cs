using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Statements;
using KtPortal.Domain.Reports;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>The time entries report (charged hours by the billing engine, the invoice that billed them) and receivables (each client's statement aging).</summary>
public sealed class TimeAndReceivablesReportTests : InvoiceTestBase
{
    private static readonly DateOnly November = new(2026, 11, 1);

    [Fact]
    public async Task ShouldListEveryEntryWithItsChargedTime_TheMinimumOncePerTicket_AndTheInvoiceThatBilledIt()
    {
        var acmeTicket = await TicketAsync(Alice);
        var birchTicket = await TicketAsync(Bob);
        var first = await LogAsync(acmeTicket, "20m", Today.AddDays(-2));
        var second = await LogAsync(acmeTicket, "1h 30m", Today.AddDays(-1));
        var unpaid = await LogAsync(acmeTicket, "15m", Today, billable: false);
        var birch = await LogAsync(birchTicket, "2h", Today, workType: WorkType.Development);
        await RunAsync(NewYorkMidnight(new DateOnly(2026, 12, 1)).AddHours(1));

        var report = await Host.WithAsync<ReportQueries, TimeEntryReport>(q => q.TimeEntriesAsync(Staff, November, new DateOnly(2026, 11, 30)));

        var byId = report.Rows.ToDictionary(r => r.Id);
        byId[first].ChargedMinutes.Should().Be(60, "the first entry on a ticket is charged the one-hour minimum");
        byId[second].ChargedMinutes.Should().Be(50, "1 h 50 m logged in all, 60 already charged");
        byId[unpaid].ChargedMinutes.Should().Be(0);
        byId[birch].Should().Match<TimeEntryRow>(r => r.ClientId == BirchId && r.WorkType == WorkType.Development && r.ChargedMinutes == 120 && r.StaffName.Length > 0);
        report.ChargedMinutes.Should().Be(230);
        report.Minutes.Should().Be(20 + 90 + 15 + 120);
        var usage = (await AllInvoicesAsync()).Where(i => i.Kind == InvoiceKind.Usage && i.Status != InvoiceStatus.Draft).ToDictionary(i => i.ClientId, i => i.Number);
        byId[first].InvoiceNumber.Should().Be(usage[AcmeId], "the period's usage invoice billed it");
        byId[birch].InvoiceNumber.Should().Be(usage[BirchId]);

        var acmeOnly = await Host.WithAsync<ReportQueries, TimeEntryReport>(q => q.TimeEntriesAsync(Staff, November, new DateOnly(2026, 11, 30), AcmeId));
        acmeOnly.Rows.Should().OnlyContain(r => r.ClientId == AcmeId).And.HaveCount(3);
        var byAlice = () => Host.WithAsync<ReportQueries, TimeEntryReport>(q => q.TimeEntriesAsync(Alice, November, November));
        await byAlice.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task ShouldAgeEachClientAsItsStatementDoes_LeavingOutClientsThatOweNothing()
    {
        var acme = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(AcmeId, "Work", null, [new InvoiceLineInput("Work", false, "1", 300m)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, acme, (await DocumentAsync(acme))!.ConcurrencyStamp));
        await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Staff, acme,
            new PaymentInput(100_00, Today, PaymentMethod.Cash, ""), (await DocumentAsync(acme))!.ConcurrencyStamp));
        var due = (await DocumentAsync(acme))!.DueDate!.Value;
        var asOf = due.AddDays(40);

        var report = await Host.WithAsync<ReportQueries, ReceivablesReport>(q => q.ReceivablesAsync(Staff, asOf));

        var row = report.Rows.Should().ContainSingle("Birch owes nothing").Subject;
        var statement = await Host.WithAsync<StatementQueries, ClientStatement>(q => q.GetAsync(Staff, AcmeId, asOf.AddDays(-100), asOf));
        row.Aging.Should().Be(statement.Aging);
        row.Aging.Days31To60Minor.Should().Be(200_00);
        (report.OutstandingMinor, report.OverdueMinor).Should().Be((200_00, 200_00));
        (await Host.WithAsync<ReportQueries, ReceivablesReport>(q => q.ReceivablesAsync(Staff, asOf, BirchId))).Rows.Should().BeEmpty();
    }
}
