using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Statements;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>A client's statement: opening + invoiced + refunded − paid − credited = closing for any range, and aging as of any day.</summary>
public sealed class StatementTests : InvoiceTestBase
{
    private async Task<int> IssueOnAsync(DateOnly day, decimal amount, int clientId = 0)
    {
        SetToday(day);
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(clientId == 0 ? AcmeId : clientId, $"Work of {day}", null, [new InvoiceLineInput("Work", false, "1", amount)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));
        return id;
    }

    private async Task<int> PayOnAsync(DateOnly day, int invoiceId, long amountMinor)
    {
        SetToday(day);
        return await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Staff, invoiceId,
            new PaymentInput(amountMinor, day, PaymentMethod.BankTransfer, $"TRX-{day:MMdd}"), (await DocumentAsync(invoiceId))!.ConcurrencyStamp));
    }

    private Task<ClientStatement> StatementAsync(DateOnly from, DateOnly to, Actor? actor = null, int clientId = 0) =>
        Host.WithAsync<StatementQueries, ClientStatement>(q => q.GetAsync(actor ?? Staff, clientId == 0 ? AcmeId : clientId, from, to));

    [Fact]
    public async Task ShouldListTheMonthsMovements_WithOpeningRunningAndClosingBalances_AndAging()
    {
        var december = await IssueOnAsync(new DateOnly(2026, 12, 1), 500m);      // due Dec 15
        await PayOnAsync(new DateOnly(2026, 12, 20), december, 200_00);
        await IssueOnAsync(new DateOnly(2027, 1, 2), 300m);                      // due Jan 16
        await PayOnAsync(new DateOnly(2027, 1, 10), december, 100_00);
        var voided = await IssueOnAsync(new DateOnly(2027, 1, 12), 50m);
        await Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(Staff, voided, "Duplicate", (await DocumentAsync(voided))!.ConcurrencyStamp));

        var statement = await StatementAsync(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31));

        statement.OpeningMinor.Should().Be(300_00, "December: 500 invoiced, 200 paid");
        statement.Lines.Select(l => (l.Date.Day, l.Kind, l.DebitMinor, l.CreditMinor, l.BalanceMinor)).Should().Equal(
            (2, StatementEntryKind.Invoice, 300_00, 0L, 600_00),
            (10, StatementEntryKind.Payment, 0L, 100_00, 500_00),
            (12, StatementEntryKind.Invoice, 50_00, 0L, 550_00),
            (12, StatementEntryKind.Void, 0L, 50_00, 500_00));
        (statement.InvoicedMinor, statement.PaidMinor, statement.CreditedMinor, statement.ClosingMinor).Should().Be((350_00, 100_00, 50_00, 500_00));
        statement.Aging.Should().Be(new AgingBuckets(0, 300_00, 200_00, 0, 0), "on Jan 31 January's is 15 days late, December's 47");
        (await StatementAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 14))).Aging.CurrentMinor.Should().Be(500_00, "not yet due on Dec 14");
    }

    [Fact]
    public async Task ShouldAlwaysCloseAtOpeningPlusInvoicedAndRefundedLessPaidAndCredited_AndAgeToTheClosingBalance_ForAnyRange()
    {
        var random = new Random(23);
        var start = new DateOnly(2026, 11, 25);
        var invoices = new List<int>();
        for (var day = 0; day < 300; day += random.Next(3, 12))
        {
            var date = start.AddDays(day);
            if (invoices.Count == 0 || random.Next(3) > 0)
            {
                invoices.Add(await IssueOnAsync(date, random.Next(1, 900_00) / 100m));
            }

            var unpaid = invoices[random.Next(invoices.Count)];
            if (random.Next(8) == 0 && await DocumentAsync(unpaid) is { Status: InvoiceStatus.Issued, CreditedMinor: 0 })
            {
                SetToday(date);
                await Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(Staff, unpaid, "Raised twice", (await DocumentAsync(unpaid))!.ConcurrencyStamp));
            }

            if (random.Next(2) == 0)
            {
                var target = invoices[random.Next(invoices.Count)];
                if ((await DocumentAsync(target))!.Status is not (InvoiceStatus.Void or InvoiceStatus.Credited))
                {
                    await PayOnAsync(date, target, random.Next(1, 400_00));
                }
            }

            // Now and then a credit note takes an invoice back, or part of a payment goes back (with its credit note).
            var other = (await DocumentAsync(invoices[random.Next(invoices.Count)]))!;
            if (random.Next(6) == 0 && KtPortal.Domain.Invoices.CreditNotes.CreditNoteRules.CanCredit(other.Status) && other.CreditedMinor == 0)
            {
                SetToday(date);
                await Host.WithAsync<KtPortal.Domain.Invoices.CreditNotes.CreditNoteService, int>(s => s.CreditInvoiceAsync(Staff, other.Id, [1], "Not needed", other.ConcurrencyStamp));
            }
            else if (random.Next(5) == 0 && other.Payments.FirstOrDefault(p => !p.IsDeleted && p.AmountMinor > p.RefundedMinor) is { } paid)
            {
                SetToday(date);
                await Host.WithAsync<KtPortal.Domain.Invoices.CreditNotes.CreditNoteService, int>(s => s.RefundPaymentAsync(Staff, other.Id, paid.Id,
                    new KtPortal.Domain.Invoices.CreditNotes.RefundInput(random.Next(1, (int)(paid.AmountMinor - paid.RefundedMinor) + 1), date, "Goodwill"), other.ConcurrencyStamp));
            }
        }

        for (var round = 0; round < 25; round++)
        {
            var from = start.AddDays(random.Next(-20, 320));
            var to = from.AddDays(random.Next(0, 120));
            var statement = await StatementAsync(from, to);
            var before = await StatementAsync(from.AddDays(-400), from.AddDays(-1));

            statement.ClosingMinor.Should().Be(statement.OpeningMinor + statement.InvoicedMinor + statement.RefundedMinor - statement.PaidMinor - statement.CreditedMinor);
            statement.OpeningMinor.Should().Be(before.ClosingMinor, "a range opens where the days before it closed");
            (statement.Aging.TotalMinor - statement.UnappliedCreditMinor).Should().Be(statement.ClosingMinor, "the aging buckets account for the whole balance");
            statement.Lines.Where(l => l.Date < from || l.Date > to).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task ShouldShowAClientOnlyItsOwnStatement()
    {
        await IssueOnAsync(new DateOnly(2026, 12, 2), 100m);
        var range = (new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));

        (await StatementAsync(range.Item1, range.Item2, Alice)).ClosingMinor.Should().Be(100_00);
        var bobReadsAcme = () => StatementAsync(range.Item1, range.Item2, Bob);
        var carolWithoutBillingAccess = () => StatementAsync(range.Item1, range.Item2, Carol);
        var backwards = () => StatementAsync(range.Item2, range.Item1);

        await bobReadsAcme.Should().ThrowAsync<NotFoundException>();
        await carolWithoutBillingAccess.Should().ThrowAsync<NotFoundException>();
        (await backwards.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal("From");
        (await StatementAsync(range.Item1, range.Item2, Bob, BirchId)).Lines.Should().BeEmpty("Birch has no invoices");
    }
}
