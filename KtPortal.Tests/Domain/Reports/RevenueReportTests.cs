using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Domain.Invoices.Statements;
using KtPortal.Domain.Reports;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>
/// Revenue from data made through the services (a plan's fee and overage from the billing run, ad-hoc invoices,
/// payments, a refund, a credit note, a void), checked against each client's statement and the invoices themselves.
/// </summary>
public sealed class RevenueReportTests : InvoiceTestBase
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);

    private async Task<int> IssuedAsync(int clientId, decimal amount)
    {
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(clientId, "Extra work", null, [new InvoiceLineInput("Work", false, "1", amount)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));
        return id;
    }

    private async Task<int> PayAsync(int id, long amountMinor) =>
        await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Staff, id,
            new PaymentInput(amountMinor, Today, PaymentMethod.BankTransfer, "TRX"), (await DocumentAsync(id))!.ConcurrencyStamp));

    private Task<RevenueReport> RevenueAsync(DateOnly from, DateOnly to, int? clientId = null, Actor? actor = null) =>
        Host.WithAsync<ReportQueries, RevenueReport>(q => q.RevenueAsync(actor ?? Staff, from, to, clientId));

    [Fact]
    public async Task ShouldSplitInvoicedByKindAndMonth_AndAgreeWithEveryClientsStatement()
    {
        await using (var db = await Host.OpenDbAsync())
        {
            await db.Clients.Where(c => c.Id == AcmeId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TaxRateBasisPoints, 800));
        }

        await CreatePlanAsync(AcmeId, ExamplePlan());
        await LogAsync(await TicketAsync(Alice), "12h");
        await RunAsync(NewYorkMidnight(Today).AddHours(12));
        var acmeAdHoc = await IssuedAsync(AcmeId, 100m);
        var payment = await PayAsync(acmeAdHoc, 108_00);
        await Host.WithAsync<CreditNoteService, int>(async s => await s.RefundPaymentAsync(Staff, acmeAdHoc, payment, new RefundInput(30_00, Today, "Goodwill"),
            (await DocumentAsync(acmeAdHoc))!.ConcurrencyStamp));
        var voided = await IssuedAsync(AcmeId, 40m);
        await Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(Staff, voided, "Duplicate", (await DocumentAsync(voided))!.ConcurrencyStamp));
        var birch = await IssuedAsync(BirchId, 200m);
        await PayAsync(birch, 50_00);
        await Host.WithAsync<CreditNoteService, int>(async s => await s.CreditInvoiceAsync(Staff, birch, [1], "Cancelled", (await DocumentAsync(birch))!.ConcurrencyStamp));
        await RunAsync(NewYorkMidnight(December).AddHours(1));

        var report = await RevenueAsync(November, new DateOnly(2026, 12, 31));

        report.Months.Should().Equal(November, December);
        var invoices = await AllInvoicesAsync();
        var fees = invoices.Where(i => i.Kind == InvoiceKind.PlanFee).ToList();
        var usage = invoices.Single(i => i.Kind == InvoiceKind.Usage && i.Status != InvoiceStatus.Draft);
        report.Invoiced(November, RevenueKind.PlanFee).Should().Be(fees.Single(f => f.IssueDate < December).SubtotalMinor).And.Be(500_00);
        report.Invoiced(December, RevenueKind.PlanFee).Should().Be(500_00);
        report.Invoiced(December, RevenueKind.Usage).Should().Be(usage.SubtotalMinor).And.Be(2 * 95_00, "two hours over the plan at its support rate");
        report.Invoiced(November, RevenueKind.AdHoc).Should().Be(100_00 + 200_00, "the void takes its 40.00 back in the month it was voided");
        report.Invoiced(November, RevenueKind.CreditNote).Should().Be(-200_00 - 27_78, "Birch's credit note, and the part of Acme's refund that took back billing (30.00 with 8% tax inside)");

        foreach (var client in new[] { AcmeId, BirchId })
        {
            var statement = await Host.WithAsync<StatementQueries, ClientStatement>(q => q.GetAsync(Staff, client, November, new DateOnly(2026, 12, 31)));
            var mine = report.Rows.Where(r => r.ClientId == client).ToList();
            mine.Sum(r => r.InvoicedMinor + r.TaxMinor).Should().Be(statement.InvoicedMinor - statement.CreditedMinor);
            mine.Sum(r => r.CollectedMinor).Should().Be(statement.PaidMinor - statement.RefundedMinor);
        }

        (await RevenueAsync(November, new DateOnly(2026, 12, 31), BirchId)).Rows.Should().OnlyContain(r => r.ClientId == BirchId).And.NotBeEmpty();
        (await RevenueAsync(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31))).Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldRefuseClientsAndBadRanges()
    {
        var byAlice = () => RevenueAsync(November, December, actor: Alice);
        var backwards = () => RevenueAsync(December, November);

        await byAlice.Should().ThrowAsync<ForbiddenException>();
        (await backwards.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal("From");
    }
}
