using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Seeding;

/// <summary>
/// The demo's invoices (contracts.md: "some issued and paid invoices"), made by the real billing cycle run as of
/// the start of the previous and of the current period, so they carry those issue dates: the previous period's plan
/// fee (paid by card) and usage invoice for its 1.5 h overage (paid by bank transfer), and the current period's plan
/// fee (issued, open). The current period's out-of-plan development shows as pending charges.
/// </summary>
internal static class DemoInvoiceSeeder
{
    public static async Task SeedAsync(
        IDbContextFactory<KtPortalDbContext> contextFactory, BillingCycle cycle, PortalSettings settings, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var current = BillingCalendar.PeriodContaining(settings.LocalDate(new DateTimeOffset(nowUtc, TimeSpan.Zero)), 1);
        var previous = BillingCalendar.PeriodContaining(current.Start.AddDays(-1), 1);
        // Paid before the next run, as a client would, so no overdue reminder is ever queued for them.
        await cycle.RunAsync(LocalMorning(previous.Start, settings), cancellationToken);
        await MarkPaidAsync(contextFactory, previous.Start, InvoiceKind.PlanFee, nowUtc, cancellationToken);
        await cycle.RunAsync(LocalMorning(current.Start, settings), cancellationToken);
        await MarkPaidAsync(contextFactory, previous.Start, InvoiceKind.Usage, nowUtc, cancellationToken);
    }

    private static async Task MarkPaidAsync(IDbContextFactory<KtPortalDbContext> contextFactory, DateOnly periodStart, InvoiceKind kind, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var paid = await db.Invoices
            .Join(db.BillingPeriods, i => i.BillingPeriodId, p => p.Id, (i, p) => new { Invoice = i, p.StartDate })
            .Where(x => x.StartDate == periodStart && x.Invoice.Kind == kind && x.Invoice.Status == InvoiceStatus.Issued)
            .Select(x => x.Invoice)
            .ToListAsync(cancellationToken);
        foreach (var invoice in paid)
        {
            var card = kind == InvoiceKind.PlanFee;
            invoice.Status = InvoiceStatus.Paid;
            invoice.PaidVia = card ? PaymentMethod.Stripe : PaymentMethod.Offline;
            invoice.PaymentReference = card ? "pi_demo_plan_fee" : "Bank transfer, reference ACME-DENTAL";
            var paidAt = invoice.IssuedAtUtc!.Value.AddDays(card ? 2 : 9);
            invoice.PaidAtUtc = paidAt < nowUtc ? paidAt : nowUtc;
            invoice.UpdatedAtUtc = invoice.PaidAtUtc.Value;
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
