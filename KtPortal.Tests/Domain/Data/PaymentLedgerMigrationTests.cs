using KtPortal.Domain.Invoices;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KtPortal.Tests.Domain.Data;

/// <summary>The migration that brought the payment ledger turns each invoice already marked paid into one payment.</summary>
public sealed class PaymentLedgerMigrationTests : InvoiceTestBase
{
    [Fact]
    public async Task ShouldGiveAnInvoicePaidBeforeTheLedger_OnePaymentOfItsTotal()
    {
        var paid = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(AcmeId, "Website work", null, [new InvoiceLineInput("Work", false, "1", 279m)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, paid, (await DocumentAsync(paid))!.ConcurrencyStamp));
        var open = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(AcmeId, "Open", null, [new InvoiceLineInput("Work", false, "1", 50m)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, open, (await DocumentAsync(open))!.ConcurrencyStamp));
        await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(Staff, paid,
            new PaymentInput(279_00, Today, PaymentMethod.Cheque, "Cheque 1042"), (await DocumentAsync(paid))!.ConcurrencyStamp));

        // Back to the schema before the ledger (the invoice keeps Status Paid, PaidVia and the reference), then forward.
        await using (var db = await Host.OpenDbAsync())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("EmailChanges");
            (await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE name = 'Payments'").SingleAsync()).Should().Be(0);
            await migrator.MigrateAsync();
        }

        await using var check = await Host.OpenDbAsync();
        var payment = await check.Payments.SingleAsync();
        payment.Should().Match<Payment>(p => p.InvoiceId == paid && p.AmountMinor == 279_00 && p.Method == PaymentMethod.Cheque && p.Reference == "Cheque 1042" && p.ReceivedOn == Today);
        (await DocumentAsync(paid))!.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Paid && d.PaidMinor == 279_00 && d.BalanceMinor == 0);
        (await DocumentAsync(open))!.Should().Match<InvoiceDocument>(d => d.Status == InvoiceStatus.Issued && d.PaidMinor == 0);
    }
}
