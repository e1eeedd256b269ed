using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Domain.Invoices.Export;
using KtPortal.Domain.Invoices.Statements;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>
/// The accounting journal: every line, payment, credit, refund and void of a range, and per client the same sums as
/// that client's statement for the same days.
/// </summary>
public sealed class JournalTests : InvoiceTestBase
{
    private async Task<int> IssuedAsync(int clientId, params decimal[] lines)
    {
        var input = lines.Select((amount, i) => new InvoiceLineInput($"Work {i + 1}", false, "1", amount)).ToList();
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff, new InvoiceDraftInput(clientId, "Work", null, input)));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));
        return id;
    }

    private async Task<int> PayAsync(int id, long amountMinor) =>
        await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Staff, id,
            new PaymentInput(amountMinor, Today, PaymentMethod.BankTransfer, "TRX"), (await DocumentAsync(id))!.ConcurrencyStamp));

    private Task<IReadOnlyList<JournalRow>> JournalAsync(DateOnly from, DateOnly to, Actor? actor = null) =>
        Host.WithAsync<JournalQueries, IReadOnlyList<JournalRow>>(q => q.GetAsync(actor ?? Staff, from, to));

    [Fact]
    public void ShouldSpreadTaxOverLinesInProportion_TheLastTakingTheRest()
    {
        JournalQueries.Spread(100, [1, 1, 1]).Should().Equal(33, 33, 34);
        JournalQueries.Spread(825, [100_01, 33_33, 7]).Sum().Should().Be(825);
        JournalQueries.Spread(0, [5, 5]).Should().Equal(0, 0);
        JournalQueries.Spread(10, []).Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldSumToEveryClientsStatementForTheMonth_AndEveryInvoiceToItsTotal()
    {
        await using (var db = await Host.OpenDbAsync())
        {
            await db.Clients.Where(c => c.Id == AcmeId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TaxRateBasisPoints, 825));
        }

        var random = new Random(2026_11);
        var invoices = new List<int>();
        foreach (var client in new[] { AcmeId, BirchId })
        {
            for (var i = 0; i < 4; i++)
            {
                invoices.Add(await IssuedAsync(client, [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1_00, 900_00) / 100m)]));
            }
        }

        var payment = await PayAsync(invoices[0], 50_00);
        await PayAsync(invoices[1], (await DocumentAsync(invoices[1]))!.TotalMinor + 10_00);
        await PayAsync(invoices[5], 1_23);
        await Host.WithAsync<CreditNoteService, int>(async s => await s.CreditInvoiceAsync(Staff, invoices[2], [1], "Not done", (await DocumentAsync(invoices[2]))!.ConcurrencyStamp));
        await Host.WithAsync<CreditNoteService, int>(async s => await s.RefundPaymentAsync(Staff, invoices[0], payment, new RefundInput(20_00, Today, "Goodwill"),
            (await DocumentAsync(invoices[0]))!.ConcurrencyStamp));
        await Host.WithAsync<CreditNoteService, int>(s => s.IssueStandaloneAsync(Staff, new StandaloneCreditNoteInput(BirchId, [new("=HYPERLINK(\"x\")", 5_00)], "Sorry")));
        await Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(Staff, invoices[6], "Wrong client", (await DocumentAsync(invoices[6]))!.ConcurrencyStamp));

        var (monthStart, monthEnd) = (new DateOnly(Today.Year, Today.Month, 1), new DateOnly(Today.Year, Today.Month, 1).AddMonths(1).AddDays(-1));
        var rows = await JournalAsync(monthStart, monthEnd);

        foreach (var client in new[] { AcmeId, BirchId })
        {
            var statement = await Host.WithAsync<StatementQueries, ClientStatement>(q => q.GetAsync(Staff, client, monthStart, monthEnd));
            var mine = rows.Where(r => r.ClientId == client).ToList();
            long Sum(params JournalEntryType[] types) => mine.Where(r => types.Contains(r.Type)).Sum(r => r.GrossMinor);
            Sum(JournalEntryType.Invoice).Should().Be(statement.InvoicedMinor);
            Sum(JournalEntryType.Payment).Should().Be(statement.PaidMinor);
            Sum(JournalEntryType.CreditNote, JournalEntryType.Void).Should().Be(statement.CreditedMinor);
            Sum(JournalEntryType.Refund).Should().Be(statement.RefundedMinor);
            (Sum(JournalEntryType.Invoice, JournalEntryType.Refund) - Sum(JournalEntryType.Payment, JournalEntryType.CreditNote, JournalEntryType.Void))
                .Should().Be(statement.ClosingMinor - statement.OpeningMinor);
        }

        foreach (var id in invoices)
        {
            var invoice = (await DocumentAsync(id))!;
            var lines = rows.Where(r => r.Type == JournalEntryType.Invoice && r.Number == invoice.Number).ToList();
            lines.Sum(r => r.GrossMinor).Should().Be(invoice.TotalMinor);
            lines.Sum(r => r.TaxMinor).Should().Be(invoice.TaxMinor);
            lines.Should().OnlyContain(r => r.NetMinor + r.TaxMinor == r.GrossMinor);
        }

        rows.Should().ContainSingle(r => r.Type == JournalEntryType.Void).Which.AppliesTo.Should().Be((await DocumentAsync(invoices[6]))!.Number);
        rows.Should().ContainSingle(r => r.Type == JournalEntryType.CreditNote && r.Account == JournalAccounts.Credits);
        (await JournalAsync(monthEnd.AddDays(1), monthEnd.AddDays(31))).Should().BeEmpty("nothing is dated next month");
    }

    [Fact]
    public async Task ShouldRefuseClientsAndBadRanges()
    {
        var byClient = () => JournalAsync(Today, Today, Alice);
        var backwards = () => JournalAsync(Today, Today.AddDays(-1));
        var tooLong = () => JournalAsync(Today.AddDays(-JournalQueries.MaxDays), Today);

        await byClient.Should().ThrowAsync<ForbiddenException>();
        (await backwards.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal("From");
        (await tooLong.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal("To");
    }
}
