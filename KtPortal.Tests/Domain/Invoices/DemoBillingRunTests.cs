using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Seeding;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>Issue 5's acceptance on the demo data: the run as of the first of next month issues exactly the expected invoices.</summary>
public sealed class DemoBillingRunTests : DomainTestBase
{
    [Fact]
    public async Task ShouldIssueAcmesFeeAndUsageOnceWithConsecutiveNumbers_WhenBillingRunsOnTheFirst()
    {
        (await Host.WithAsync<DemoDataSeeder, bool>(s => s.SeedAsync())).Should().BeTrue();
        await using var db = await Host.OpenDbAsync();
        var before = await db.Invoices.AsNoTracking().ToListAsync();
        var paid = before.Where(i => i.Status == InvoiceStatus.Paid).ToList();
        paid.Where(i => i.Kind == InvoiceKind.PlanFee).Should().ContainSingle("the demo has the previous period's plan fee paid");
        paid.Where(i => i.Kind == InvoiceKind.Usage).Should().HaveCount(1 + (2 * 4),
            "the previous period's overage is paid, and so is each of the closed history's four months, for Acme and for Birch");
        paid.Should().OnlyContain(i => i.TotalMinor > 0);
        before.Where(i => i.Status == InvoiceStatus.Issued).Should().ContainSingle().Which.Kind.Should().Be(InvoiceKind.PlanFee);
        before.Should().ContainSingle(i => i.Status == InvoiceStatus.Draft && i.Kind == InvoiceKind.Usage && i.TotalMinor == 240_00,
            "Acme's 2 h of out-of-plan development are pending charges");
        var highest = before.Where(i => i.NumberSequence != null).Max(i => i.NumberSequence!.Value);

        // 2026-12-01 00:00 in New York.
        var asOf = new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero);
        var result = await Host.WithAsync<BillingCycle, BillingRunResult>(c => c.RunAsync(asOf));

        result.Issued.Select(i => (i.ClientName, i.Kind, i.TotalMinor)).Should().BeEquivalentTo(new[]
        {
            (DemoData.AcmeName, InvoiceKind.Usage, 240_00L),
            (DemoData.BirchName, InvoiceKind.Usage, 465_00L), // 1.5 h support at $90 + 3 h development (a Service Request) at $110
            (DemoData.AcmeName, InvoiceKind.PlanFee, 500_00L),
        }, o => o.WithStrictOrdering());
        result.Issued.Select(i => i.Number).Should().Equal(
            $"INV-2026-{highest + 1:0000}", $"INV-2026-{highest + 2:0000}", $"INV-2026-{highest + 3:0000}");

        (await Host.WithAsync<BillingCycle, BillingRunResult>(c => c.RunAsync(asOf))).Issued.Should().BeEmpty();
        (await Host.WithAsync<BillingCycle, BillingRunResult>(c => c.RunAsync(asOf.AddMinutes(15)))).Issued.Should().BeEmpty();
    }
}
