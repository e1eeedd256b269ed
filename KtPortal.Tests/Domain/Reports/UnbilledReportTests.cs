using KtPortal.Domain.Invoices;
using KtPortal.Domain.Reports;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>Unbilled and pending: the open period's pending charges, time on no issued invoice, ad-hoc drafts; gone once billed.</summary>
public sealed class UnbilledReportTests : InvoiceTestBase
{
    private Task<UnbilledReport> ReportAsync() => Host.WithAsync<ReportQueries, UnbilledReport>(q => q.UnbilledAsync(Staff));

    [Fact]
    public async Task ShouldShowWhatIsOnItsWayToAnInvoice_UntilTheBillingRunIssuesIt()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        await LogAsync(await TicketAsync(Alice), "12h");
        await LogAsync(await TicketAsync(Bob), "20m");
        await RunAsync(NewYorkMidnight(Today).AddHours(12));
        await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(BirchId, "Domain renewal", null, [new InvoiceLineInput("Domain", false, "1", 50m)])));

        var open = await ReportAsync();

        await using (var db = await Host.OpenDbAsync())
        {
            var pending = await db.Invoices.Where(i => i.ClientId == AcmeId && i.Kind == InvoiceKind.Usage && i.Status == InvoiceStatus.Draft).SumAsync(i => i.TotalMinor);
            open.Rows.Single(r => r.ClientId == AcmeId).Should().Match<UnbilledRow>(r =>
                r.PendingChargesMinor == pending && pending == 2 * 95_00 && r.UnbilledMinutes == 720 && r.UnbilledChargedMinutes == 720 && r.DraftCount == 0);
        }

        open.Rows.Single(r => r.ClientId == BirchId).Should().Match<UnbilledRow>(r =>
            r.UnbilledMinutes == 20 && r.UnbilledChargedMinutes == 60 && r.DraftCount == 1 && r.DraftsMinor == 50_00);

        await RunAsync(NewYorkMidnight(new DateOnly(2026, 12, 1)).AddHours(1));
        var billed = await ReportAsync();

        billed.Rows.Should().NotContain(r => r.ClientId == AcmeId, "November's time went on the issued usage invoice");
        billed.Rows.Single(r => r.ClientId == BirchId).Should().Match<UnbilledRow>(r => r.UnbilledMinutes == 0 && r.DraftCount == 1);
    }
}
