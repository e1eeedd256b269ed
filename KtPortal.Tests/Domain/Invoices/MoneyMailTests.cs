using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>
/// The money e-mails and their PDFs, drawn when sent: a receipt per payment, the credit note, and the monthly statement
/// for clients that opted in (once per month, whatever how often the billing run comes by).
/// </summary>
public sealed class MoneyMailTests : InvoiceTestBase
{
    private async Task<int> IssuedAsync(int clientId, decimal amount)
    {
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(clientId, "Website work", null, [new InvoiceLineInput("Work", false, "1", amount)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));
        return id;
    }

    private async Task<int> PayAsync(int id, long amountMinor) =>
        await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Staff, id,
            new PaymentInput(amountMinor, Today, PaymentMethod.Cheque, "Cheque 7"), (await DocumentAsync(id))!.ConcurrencyStamp));

    private async Task<List<OutboxMessage>> MailAsync(string kind)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The text of the PDF the sender would attach to <paramref name="row"/>.</summary>
    private async Task<(string Name, string Text)> AttachmentAsync(OutboxMessage row)
    {
        var attachments = await Host.WithAsync<IEnumerable<IOutboxAttachmentSource>, IReadOnlyList<OutgoingAttachment>>(async sources =>
            [.. (await Task.WhenAll(sources.Select(s => s.AttachmentsForAsync(row, CancellationToken.None)))).SelectMany(a => a)]);
        var pdf = attachments.Should().ContainSingle().Subject;
        using var document = PdfDocument.Open(pdf.Content);
        return (pdf.FileName, string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)));
    }

    [Fact]
    public async Task ShouldAttachAReceiptOfItsOwnToEachPayment_WithWhereTheInvoiceStoodThen()
    {
        var id = await IssuedAsync(AcmeId, 300m);
        await PayAsync(id, 100_00);
        await PayAsync(id, 200_00);
        var number = (await DocumentAsync(id))!.Number;

        var receipts = await MailAsync("payment-received");

        receipts.Select(r => r.Attachment).Should().Equal("receipt:1", "receipt:2");
        var (firstName, first) = await AttachmentAsync(receipts[0]);
        firstName.Should().Be($"receipt-{number}-R1.pdf");
        first.Should().Contain("RECEIPT").And.Contain($"{number}-R1").And.Contain("$100.00").And.Contain("Cheque").And.Contain("$200.00", "the balance left after the first payment");
        var (_, second) = await AttachmentAsync(receipts[1]);
        second.Should().Contain($"{number}-R2").And.Contain("$300.00").And.Contain("$0.00");
    }

    [Fact]
    public async Task ShouldEmailACreditNoteWithItsPdf_ToTheBillingAddressOrTheAdmins()
    {
        var id = await IssuedAsync(AcmeId, 120m);
        await Host.WithAsync<CreditNoteService, int>(async s => await s.CreditInvoiceAsync(Staff, id, [1], "Cancelled", (await DocumentAsync(id))!.ConcurrencyStamp));

        var mail = (await MailAsync("credit-note-issued")).Should().ContainSingle().Subject;

        mail.Subject.Should().Contain("Credit note CN-2026-0001").And.Contain("$120.00");
        mail.BodyText.Should().Contain("Cancelled").And.Contain((await DocumentAsync(id))!.Number);
        var (name, text) = await AttachmentAsync(mail);
        name.Should().Be("CN-2026-0001.pdf");
        text.Should().Contain("CREDIT").And.Contain("CN-2026-0001").And.Contain("Cancelled").And.Contain("$120.00");
    }

    [Fact]
    public async Task ShouldEmailLastMonthsStatementOnce_ToClientsThatOptedIn_AndSkipAQuietMonth()
    {
        await using (var db = await Host.OpenDbAsync())
        {
            await db.Clients.Where(c => c.Id == AcmeId || c.Id == BirchId).ExecuteUpdateAsync(s => s.SetProperty(c => c.MonthlyStatement, true));
        }

        var acmeInvoice = await IssuedAsync(AcmeId, 75m);
        var december = new DateOnly(2026, 12, 1);

        var first = await RunAsync(NewYorkMidnight(december).AddHours(1));
        var again = await RunAsync(NewYorkMidnight(december).AddHours(2));

        first.StatementsQueued.Should().Be(1, "Birch had a quiet November: nothing to send");
        again.StatementsQueued.Should().Be(0);
        var mail = (await MailAsync("monthly-statement")).Should().ContainSingle().Subject;
        mail.Subject.Should().StartWith("Your statement from ").And.EndWith(" for November 2026");
        mail.BodyText.Should().Contain("$75.00");
        mail.Attachment.Should().Be($"statement:{AcmeId}:2026-11-01:2026-11-30");
        var (name, text) = await AttachmentAsync(mail);
        name.Should().Be("statement-acme-dental-2026-11-30.pdf");
        text.Should().Contain("STATEMENT").And.Contain((await DocumentAsync(acmeInvoice))!.Number).And.Contain("$75.00");
    }

    [Fact]
    public async Task ShouldLetStaffAndTheClientsOwnAdminsOptIn_AndNobodyElse()
    {
        await Host.WithAsync<KtPortal.Domain.Clients.ClientService>(s => s.SetMonthlyStatementAsync(Alice, AcmeId, true));
        var byBob = () => Host.WithAsync<KtPortal.Domain.Clients.ClientService>(s => s.SetMonthlyStatementAsync(Bob, AcmeId, false));
        var byCarol = () => Host.WithAsync<KtPortal.Domain.Clients.ClientService>(s => s.SetMonthlyStatementAsync(Carol, AcmeId, false));

        await byBob.Should().ThrowAsync<KtPortal.Domain.Common.NotFoundException>();
        await byCarol.Should().ThrowAsync<KtPortal.Domain.Common.NotFoundException>();
        await using (var db = await Host.OpenDbAsync())
        {
            (await db.Clients.Where(c => c.Id == AcmeId).Select(c => c.MonthlyStatement).SingleAsync()).Should().BeTrue();
            (await db.AuditEntries.CountAsync(a => a.Kind == KtPortal.Domain.Audit.AuditKinds.ClientChanged && a.After == "Monthly statement: e-mailed")).Should().Be(1);
        }

        await Host.WithAsync<KtPortal.Domain.Clients.ClientService>(s => s.SetMonthlyStatementAsync(Staff, AcmeId, false));
        await using var after = await Host.OpenDbAsync();
        (await after.Clients.Where(c => c.Id == AcmeId).Select(c => c.MonthlyStatement).SingleAsync()).Should().BeFalse();
    }
}
