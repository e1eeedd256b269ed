using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Seeding;

/// <summary>
/// The demo's invoices (contracts.md: "some issued and paid invoices"), made by the real billing cycle run as of the
/// start of every month from the closed history on, so they carry those issue dates: the history months' usage at
/// each client's rate card (paid by bank transfer), the previous period's plan fee (paid by card) and usage invoice
/// for its 1.5 h overage (bank transfer), and the current period's plan fee (issued, open). The current period's
/// out-of-plan development shows as pending charges.
/// </summary>
internal static class DemoInvoiceSeeder
{
    public static async Task SeedAsync(
        IDbContextFactory<KtPortalDbContext> contextFactory, BillingCycle cycle, PortalSettings settings, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var current = BillingCalendar.PeriodContaining(settings.LocalDate(new DateTimeOffset(nowUtc, TimeSpan.Zero)), 1);
        DateOnly first;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            first = await db.BillingPeriods.MinAsync(p => (DateOnly?)p.StartDate, cancellationToken) ?? current.Start;
        }

        // Each month's run, then payment before the next run, as a client would pay: no overdue reminder is ever queued.
        for (var month = BillingCalendar.PeriodContaining(first, 1).Start.AddMonths(1); month <= current.Start; month = month.AddMonths(1))
        {
            await cycle.RunAsync(LocalMorning(month, settings), cancellationToken);
            await MarkPaidAsync(contextFactory, current.Start, nowUtc, cancellationToken);
        }
    }

    /// <summary>Pays every issued invoice of a period before <paramref name="currentStart"/>: plan fees by card, usage by bank transfer.</summary>
    private static async Task MarkPaidAsync(IDbContextFactory<KtPortalDbContext> contextFactory, DateOnly currentStart, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var paid = await db.Invoices
            .Join(db.BillingPeriods, i => i.BillingPeriodId, p => p.Id, (i, p) => new { Invoice = i, p.StartDate })
            .Where(x => x.StartDate < currentStart && x.Invoice.Status == InvoiceStatus.Issued)
            .Select(x => x.Invoice)
            .ToListAsync(cancellationToken);
        foreach (var invoice in paid)
        {
            var card = invoice.Kind == InvoiceKind.PlanFee;
            var paidAt = invoice.IssuedAtUtc!.Value.AddDays(card ? 2 : 9);
            paidAt = paidAt < nowUtc ? paidAt : nowUtc;
            invoice.Payments.Add(new Payment
            {
                ClientId = invoice.ClientId,
                AmountMinor = invoice.TotalMinor,
                Currency = invoice.Currency,
                ReceivedOn = DateOnly.FromDateTime(paidAt),
                Method = card ? PaymentMethod.Stripe : PaymentMethod.BankTransfer,
                Reference = card ? $"pi_demo_{invoice.Id}" : invoice.Number!,
                ExternalId = card ? $"pi_demo_{invoice.Id}" : null,
                RecordedAtUtc = paidAt,
            });
            PaymentRules.Settle(invoice, invoice.Payments, paidAt);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
    /// <summary>09:00 portal time on that day, as an instant.</summary>
    private static DateTimeOffset LocalMorning(DateOnly date, PortalSettings settings)
    {
        var local = date.ToDateTime(new TimeOnly(9, 0));
        return new DateTimeOffset(local, settings.TimeZone.GetUtcOffset(local));
    }
}
