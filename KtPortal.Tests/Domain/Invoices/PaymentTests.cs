using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>Payments: part, whole and more; deleted with a reason; the balance always the total less what counts.</summary>
public sealed class PaymentTests : InvoiceTestBase
{
    private async Task<int> IssuedAsync(decimal amount = 279m)
    {
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(AcmeId, "Website work", null, [new InvoiceLineInput("Work", false, "1", amount)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));
        return id;
    }

    private async Task<int> PayAsync(int id, long amountMinor, PaymentMethod method = PaymentMethod.BankTransfer, string reference = "TRX", DateOnly? on = null) =>
        await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Staff, id,
            new PaymentInput(amountMinor, on ?? Today, method, reference), (await DocumentAsync(id))!.ConcurrencyStamp));

    private Task DeleteAsync(int id, int paymentId, string reason = "Bounced") =>
        Host.WithAsync<InvoiceService>(s => s.DeletePaymentAsync(Staff, id, paymentId, reason));

    [Fact]
    public async Task ShouldTakeAPartPayment_ThenTheRest_WithAReceiptAndAnAuditRowEach()
    {
        var id = await IssuedAsync();

        await PayAsync(id, 100_00, reference: "TRX-1");
        var part = (await DocumentAsync(id))!;
        part.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.PartiallyPaid && d.PaidMinor == 100_00 && d.BalanceMinor == 179_00 && d.PaidAtUtc == null);
        InvoiceWording.Totals(part).Select(t => (t.Label, t.Value)).Should().Contain([("Paid", "−$100.00"), ("Balance due", "$179.00")]);

        await PayAsync(id, 179_00, PaymentMethod.Cheque, "Cheque 12");
        var paid = (await DocumentAsync(id))!;
        paid.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Paid && d.BalanceMinor == 0 && d.CreditMinor == 0 && d.PaidAtUtc != null && d.PaidVia == PaymentMethod.Cheque);
        paid.Payments.Select(p => (p.AmountMinor, p.Method, p.Reference)).Should().Equal((100_00, PaymentMethod.BankTransfer, "TRX-1"), (179_00, PaymentMethod.Cheque, "Cheque 12"));

        await using var db = await Host.OpenDbAsync();
        var receipts = await db.OutboxMessages.Where(m => m.Kind == "payment-received").OrderBy(m => m.Id).Select(m => new { m.Subject, m.BodyText }).ToListAsync();
        receipts.Select(r => r.Subject).Should().Equal($"Receipt: $100.00 received for invoice {paid.Number}", $"Receipt: $179.00 received for invoice {paid.Number}");
        receipts[0].BodyText.Should().Contain("$179.00 is still due");
        receipts[1].BodyText.Should().Contain("paid in full");
        (await db.AuditEntries.CountAsync(a => a.Kind == AuditKinds.PaymentRecorded)).Should().Be(2);
    }

    [Fact]
    public async Task ShouldKeepAnOverpaymentAsTheClientsCredit_NeverANegativeBalance()
    {
        var id = await IssuedAsync();

        await PayAsync(id, 300_00);

        var paid = (await DocumentAsync(id))!;
        paid.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Paid && d.BalanceMinor == 0 && d.CreditMinor == 21_00);
        InvoiceWording.Totals(paid)[^1].Should().Be(("Credit to the client", "$21.00", true));
    }

    [Fact]
    public async Task ShouldDeleteAPaymentWithAReason_KeepingTheRow_AndSettleTheInvoiceAgain()
    {
        var id = await IssuedAsync();
        var first = await PayAsync(id, 100_00);
        var second = await PayAsync(id, 179_00);

        var noReason = () => DeleteAsync(id, second, " ");
        await noReason.Should().ThrowAsync<ValidationFailedException>();
        await DeleteAsync(id, second, "Cheque bounced");

        var after = (await DocumentAsync(id))!;
        after.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.PartiallyPaid && d.PaidMinor == 100_00 && d.BalanceMinor == 179_00 && d.PaidAtUtc == null);
        after.Payments.Should().ContainSingle(p => p.Id == second).Which.Should().Match<PaymentView>(p => p.IsDeleted && p.DeleteReason == "Cheque bounced");
        var again = () => DeleteAsync(id, second);
        await again.Should().ThrowAsync<NotFoundException>("a deleted payment is not deleted twice");
        await DeleteAsync(id, first, "Recorded on the wrong invoice");
        (await DocumentAsync(id))!.Status.Should().Be(InvoiceStatus.Issued);

        await using var db = await Host.OpenDbAsync();
        var rows = await db.AuditEntries.Where(a => a.Kind == AuditKinds.PaymentDeleted).OrderBy(a => a.Id).Select(a => a.After).ToListAsync();
        rows.Should().Equal("Deleted: Cheque bounced → PartiallyPaid, paid $100.00 of $279.00", "Deleted: Recorded on the wrong invoice → Issued, paid $0.00 of $279.00");
    }

    [Fact]
    public async Task ShouldRemindOfTheBalance_NotTheTotal_WhenPartOfAnOverdueInvoiceWasPaid()
    {
        var id = await IssuedAsync();
        await PayAsync(id, 100_00);
        var due = (await DocumentAsync(id))!.DueDate!.Value;

        (await RunAsync(NewYorkMidnight(due.AddDays(1)))).RemindersQueued.Should().Be(1);

        await using var db = await Host.OpenDbAsync();
        var reminder = await db.OutboxMessages.SingleAsync(m => m.Kind == "invoice-overdue");
        reminder.Subject.Should().Contain("($179.00 due)").And.Contain("1 day overdue");
        reminder.BodyText.Should().Contain("$179.00 of it is still to pay");
    }

    [Theory]
    [InlineData(0L, 0, PaymentMethod.BankTransfer, "", nameof(PaymentInput.AmountMinor))]
    [InlineData(-5_00L, 0, PaymentMethod.BankTransfer, "", nameof(PaymentInput.AmountMinor))]
    [InlineData(100_00L, 1, PaymentMethod.BankTransfer, "", nameof(PaymentInput.ReceivedOn))]
    [InlineData(100_00L, 0, PaymentMethod.Stripe, "", nameof(PaymentInput.Method))]
    [InlineData(100_00L, 0, PaymentMethod.Offline, "", nameof(PaymentInput.Method))]
    [InlineData(100_00L, 0, PaymentMethod.Cash, "long", nameof(PaymentInput.Reference))]
    public async Task ShouldRefuseABadPaymentAtItsField_AndChangeNothing(long amount, int daysAhead, PaymentMethod method, string reference, string field)
    {
        var id = await IssuedAsync();
        var text = reference == "long" ? new string('r', PaymentRules.ReferenceMaxLength + 1) : reference;

        var pay = () => PayAsync(id, amount, method, text, Today.AddDays(daysAhead));

        (await pay.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal(field);
        (await DocumentAsync(id))!.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Issued && d.PaidMinor == 0 && d.Payments.Count == 0);
    }

    [Fact]
    public async Task ShouldRefuseAPaymentOnADraftOrAVoidInvoice_AndFromAClient()
    {
        var draft = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(AcmeId, "Draft", null, [new InvoiceLineInput("Work", false, "1", 10m)])));
        var voided = await IssuedAsync();
        await Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(Staff, voided, "Wrong client", (await DocumentAsync(voided))!.ConcurrencyStamp));
        var open = await IssuedAsync();

        var onDraft = () => PayAsync(draft, 10_00);
        var onVoid = () => PayAsync(voided, 10_00);
        var byClient = () => Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Alice, open,
            new PaymentInput(10_00, Today, PaymentMethod.Cash, ""), (await DocumentAsync(open))!.ConcurrencyStamp));

        (await onDraft.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal("Status");
        (await onVoid.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("void");
        await byClient.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task ShouldAlwaysLeaveBalanceEqualToTotalLessLivePayments_OverAnyRunOfPaymentsAndDeletions()
    {
        var random = new Random(2026_11_26);
        for (var round = 0; round < 6; round++)
        {
            var total = random.Next(1, 2_000_00);
            var id = await IssuedAsync(total / 100m);
            var live = new List<(int Id, long Amount)>();
            for (var step = 0; step < 8; step++)
            {
                if (live.Count > 0 && random.Next(3) == 0)
                {
                    var gone = live[random.Next(live.Count)];
                    await DeleteAsync(id, gone.Id);
                    live.Remove(gone);
                }
                else
                {
                    var amount = random.Next(1, total / 2 + 2);
                    live.Add((await PayAsync(id, amount), amount));
                }

                var paidSum = live.Sum(p => p.Amount);
                var document = (await DocumentAsync(id))!;
                document.PaidMinor.Should().Be(paidSum);
                document.BalanceMinor.Should().Be(Math.Max(0, total - paidSum));
                document.CreditMinor.Should().Be(Math.Max(0, paidSum - total));
                document.Status.Should().Be(paidSum == 0 ? InvoiceStatus.Issued : paidSum < total ? InvoiceStatus.PartiallyPaid : InvoiceStatus.Paid);
            }
        }
    }
}
