using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Ledger;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>The check the fault runs rely on: sound after real billing, and each kind of damage named when it is there.</summary>
public sealed class InvoiceLedgerCheckTests : InvoiceTestBase
{
    private async Task<LedgerReport> BilledAsync()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        await LogAsync(await TicketAsync(Alice), "11:30", new DateOnly(2026, 11, 3));
        await RunAsync(Host.Clock.GetUtcNow());
        await RunAsync(NewYorkMidnight(new DateOnly(2026, 12, 1)));
        return await Host.Get<InvoiceLedgerCheck>().RunAsync();
    }

    [Fact]
    public async Task ShouldFindABilledLedgerSound_WithADigestOfWhatWasBilled()
    {
        var report = await BilledAsync();

        report.Problems.Should().BeEmpty();
        report.Issued.Should().Be(3, "November's fee, November's overage and December's fee");
        report.Digest.Should().MatchRegex("^[0-9A-F]{16}$");
        (await Host.Get<InvoiceLedgerCheck>().RunAsync()).Digest.Should().Be(report.Digest, "the same ledger, the same digest");
    }

    [Fact]
    public async Task ShouldNameAGap_ALineThatDoesNotAddUp_AnInvoiceWithoutLines_AndACounterAhead()
    {
        var before = await BilledAsync();
        await using (var db = await Host.OpenDbAsync())
        {
            var invoices = await db.Invoices.Include(i => i.Lines).OrderBy(i => i.NumberSequence).ToListAsync();
            invoices[0].Lines[0].AmountMinor += 1;
            db.RemoveRange(invoices[1].Lines);
            invoices[2].NumberSequence = 5;
            invoices[2].Number = "INV-2026-0005";
            await db.SaveChangesAsync();
        }

        var report = await Host.Get<InvoiceLedgerCheck>().RunAsync();

        report.Problems.Should().HaveCount(4);
        report.Problems.Should().Contain(p => p.Contains("numbers missing: 3, 4", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("its lines add up to", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("issued without lines", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("the counter would hand out 4 next, but the highest number on an invoice is 5", StringComparison.Ordinal));
        report.Digest.Should().NotBe(before.Digest, "a line fewer is a different ledger");
    }
}
