using System.Net;
using System.Text;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Seeding;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Payments;

/// <summary>
/// <c>charge.refunded</c> through the real endpoint with signed bodies: the refund and its credit note are recorded
/// once, whether the event is replayed, repeated under another id, or arrives before the payment's own event.
/// </summary>
public sealed class StripeRefundWebhookTests(StripePortalFactory factory) : IClassFixture<StripePortalFactory>
{
    private async Task<Invoice> FreshIssuedInvoiceAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<InvoiceService>();
        await using var db = await DbAsync();
        var clientId = await db.Clients.Where(c => c.Name == DemoData.AcmeName).Select(c => c.Id).SingleAsync();
        var staff = new Actor("stripe-refund-test", PortalRoles.Staff, null);
        var id = await service.CreateDraftAsync(staff, new InvoiceDraftInput(clientId, "Hosting", null, [new InvoiceLineInput("Hosting, one year", false, "1", 240m)]));
        await service.IssueAsync(staff, id, (await scope.ServiceProvider.GetRequiredService<InvoiceQueries>().GetAsync(staff, id))!.ConcurrencyStamp);
        return await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    private async Task<KtPortalDbContext> DbAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();

    private async Task<(Invoice Invoice, List<Payment> Payments, List<PaymentRefund> Refunds, List<CreditNote> Notes)> ReadAsync(int id)
    {
        await using var db = await DbAsync();
        return (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == id),
            await db.Payments.AsNoTracking().Where(p => p.InvoiceId == id).ToListAsync(),
            await db.PaymentRefunds.AsNoTracking().Where(r => r.InvoiceId == id).OrderBy(r => r.Id).ToListAsync(),
            await db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId == id).OrderBy(n => n.Id).ToListAsync());
    }

    private async Task<string> PostAsync(string body)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", StripeEvents.Sign(body, TimeProvider.System.GetUtcNow()));
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ShouldRecordARefundAndItsCreditNoteOnce_HoweverOftenOrUnderWhateverIdItComes()
    {
        var invoice = await FreshIssuedInvoiceAsync();
        var intent = $"pi_refund_{invoice.Id}";
        await PostAsync(StripeEvents.HandWritten($"evt_pay_{invoice.Id}", "checkout.session.completed", invoice.Id, invoice.TotalMinor, paymentIntent: intent));
        var partial = StripeRefundEvents.HandWritten($"evt_refund1_{invoice.Id}", invoice.Id, intent, invoice.TotalMinor, 100_00);

        (await PostAsync(partial)).Should().Contain("Applied");
        (await PostAsync(partial)).Should().Contain("Duplicate");
        (await PostAsync(StripeRefundEvents.HandWritten($"evt_refund1_again_{invoice.Id}", invoice.Id, intent, invoice.TotalMinor, 100_00))).Should().Contain("Ignored");

        var afterPart = await ReadAsync(invoice.Id);
        afterPart.Refunds.Should().ContainSingle().Which.Should().Match<PaymentRefund>(r => r.AmountMinor == 100_00 && r.CreditNoteId != null);
        afterPart.Notes.Should().ContainSingle().Which.TotalMinor.Should().Be(100_00);
        afterPart.Invoice.Should().Match<Invoice>(i => i.Status == InvoiceStatus.Paid && i.CreditedMinor == 100_00 && i.PaidMinor == invoice.TotalMinor - 100_00);

        // The rest refunded later; an older event (a smaller running total) arriving after it changes nothing.
        (await PostAsync(StripeRefundEvents.HandWritten($"evt_refund2_{invoice.Id}", invoice.Id, intent, invoice.TotalMinor, invoice.TotalMinor))).Should().Contain("Applied");
        (await PostAsync(StripeRefundEvents.HandWritten($"evt_refund_old_{invoice.Id}", invoice.Id, intent, invoice.TotalMinor, 50_00))).Should().Contain("Ignored");

        var refunded = await ReadAsync(invoice.Id);
        refunded.Refunds.Select(r => r.AmountMinor).Should().Equal(100_00, invoice.TotalMinor - 100_00);
        refunded.Notes.Sum(n => n.TotalMinor).Should().Be(invoice.TotalMinor);
        refunded.Invoice.Should().Match<Invoice>(i => i.Status == InvoiceStatus.Credited && i.PaidMinor == 0);
        refunded.Payments.Should().ContainSingle().Which.RefundedMinor.Should().Be(invoice.TotalMinor);
    }

    [Fact]
    public async Task ShouldRecordThePaymentFromTheCharge_WhenTheRefundArrivesBeforeThePaymentEvent_AndNotTwiceAfter()
    {
        var invoice = await FreshIssuedInvoiceAsync();
        var intent = $"pi_early_{invoice.Id}";

        (await PostAsync(StripeRefundEvents.HandWritten($"evt_early_refund_{invoice.Id}", invoice.Id, intent, invoice.TotalMinor, 40_00))).Should().Contain("Applied");
        (await PostAsync(StripeEvents.HandWritten($"evt_late_pay_{invoice.Id}", "checkout.session.completed", invoice.Id, invoice.TotalMinor, paymentIntent: intent))).Should().Contain("Ignored");

        var after = await ReadAsync(invoice.Id);
        after.Payments.Should().ContainSingle().Which.Should().Match<Payment>(p => p.AmountMinor == invoice.TotalMinor && p.ExternalId == intent && p.RefundedMinor == 40_00);
        after.Refunds.Should().ContainSingle().Which.AmountMinor.Should().Be(40_00);
        after.Notes.Should().ContainSingle().Which.TotalMinor.Should().Be(40_00);
        after.Invoice.Should().Match<Invoice>(i => i.Status == InvoiceStatus.Paid && i.DueMinor == invoice.TotalMinor - 40_00 && i.PaidMinor == invoice.TotalMinor - 40_00);
    }

    [Fact]
    public async Task ShouldLeaveAMismatchedRefundForSomeoneToLookAt_ChangingNothing()
    {
        var invoice = await FreshIssuedInvoiceAsync();
        var intent = $"pi_mismatch_{invoice.Id}";
        await PostAsync(StripeEvents.HandWritten($"evt_mm_pay_{invoice.Id}", "checkout.session.completed", invoice.Id, invoice.TotalMinor, paymentIntent: intent));

        (await PostAsync(StripeRefundEvents.HandWritten($"evt_mm_eur_{invoice.Id}", invoice.Id, intent, invoice.TotalMinor, 10_00, currency: "eur"))).Should().Contain("Ignored");
        (await PostAsync(StripeRefundEvents.HandWritten($"evt_mm_more_{invoice.Id}", invoice.Id, intent, invoice.TotalMinor, invoice.TotalMinor + 1))).Should().Contain("Ignored");

        var after = await ReadAsync(invoice.Id);
        after.Refunds.Should().BeEmpty();
        after.Notes.Should().BeEmpty();
        after.Invoice.Status.Should().Be(InvoiceStatus.Paid);
        await using var db = await DbAsync();
        (await db.ProcessedWebhookEvents.SingleAsync(e => e.Id == $"evt_mm_eur_{invoice.Id}")).Outcome.Should().StartWith("needs attention");
    }

    [StripeFixtureFact]
    public async Task ShouldRefund_WhenTheEventIsBuiltFromStripesPublishedCharge_InThePinnedAndAnOlderApiVersion()
    {
        var pinned = await FreshIssuedInvoiceAsync();
        var older = await FreshIssuedInvoiceAsync();

        (await PostAsync(StripeRefundEvents.FromFixture($"evt_fx_refund_{pinned.Id}", StripeEvents.PinnedApiVersion, pinned.Id, $"pi_fx_{pinned.Id}", pinned.TotalMinor, pinned.TotalMinor, $"ch_fx_{pinned.Id}")))
            .Should().Contain("Applied");
        (await PostAsync(StripeRefundEvents.FromFixture($"evt_fx_refund_{older.Id}", "2024-06-20", older.Id, $"pi_fx_{older.Id}", older.TotalMinor, 25_00, $"ch_fx_{older.Id}")))
            .Should().Contain("Applied");

        (await ReadAsync(pinned.Id)).Invoice.Status.Should().Be(InvoiceStatus.Credited);
        var partly = await ReadAsync(older.Id);
        partly.Refunds.Should().ContainSingle().Which.ExternalId.Should().Be($"ch_fx_{older.Id}:2500");
        partly.Notes.Should().ContainSingle().Which.Number.Should().StartWith("CN-");
    }
}
