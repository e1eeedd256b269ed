using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.TestSupport;

/// <summary>Billing helpers: run the cycle as of an instant, read invoices as staff.</summary>
public abstract class InvoiceTestBase : BillingTestBase
{
    /// <summary>00:00 on <paramref name="date"/> in New York (EST, UTC-5 in winter).</summary>
    protected static DateTimeOffset NewYorkMidnight(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(5);

    protected Task<BillingRunResult> RunAsync(DateTimeOffset asOf) =>
        Host.WithAsync<BillingCycle, BillingRunResult>(c => c.RunAsync(asOf));

    protected async Task<IReadOnlyList<Invoice>> AllInvoicesAsync()
    {
        await using var db = await Host.OpenDbAsync();
        return await db.Invoices.Include(i => i.Lines).AsNoTracking().OrderBy(i => i.Id).ToListAsync();
    }

    protected Task<InvoiceDocument?> DocumentAsync(int id, KtPortal.Domain.Common.Actor? actor = null) =>
        Host.WithAsync<InvoiceQueries, InvoiceDocument?>(q => q.GetAsync(actor ?? Staff, id));

    protected static IEnumerable<int> Sequences(IEnumerable<Invoice> invoices) =>
        invoices.Where(i => i.NumberSequence is not null).Select(i => i.NumberSequence!.Value).Order();
}
