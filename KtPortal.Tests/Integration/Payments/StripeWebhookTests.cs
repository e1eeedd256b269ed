using System.Net;
using System.Text;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Integration.Payments;

/// <summary>
/// <c>/webhooks/stripe</c> over real HTTP: the signature is checked on the raw body, each event applies once, older
/// API versions are read, and an event that does not fit the invoice changes nothing.
/// </summary>
public sealed class StripeWebhookTests(StripePortalFactory factory) : IClassFixture<StripePortalFactory>
{
    private async Task<Invoice> FreshIssuedInvoiceAsync()
    {
        // Each test pays its own invoice: a fresh ad-hoc invoice for Acme, issued through the service.
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<InvoiceService>();
        var clientId = await ClientIdAsync();
        var staff = new Actor("stripe-test", PortalRoles.Staff, null);
        var id = await service.CreateDraftAsync(staff, new InvoiceDraftInput(clientId, "Hosting", null, [new InvoiceLineInput("Hosting, one year", false, "1", 240m)]));
        var stamp = (await scope.ServiceProvider.GetRequiredService<InvoiceQueries>().GetAsync(staff, id))!.ConcurrencyStamp;
        await service.IssueAsync(staff, id, stamp);
        return await ReadAsync(id);
    }

    private async Task<int> ClientIdAsync()
    {
        await using var db = await DbAsync();
        return await db.Clients.Where(c => c.Name == DemoData.AcmeName).Select(c => c.Id).SingleAsync();
    }

    private async Task<KtPortalDbContext> DbAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();

    private async Task<Invoice> ReadAsync(int id)
    {
        await using var db = await DbAsync();
        return await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    private async Task<int> CountAsync(Func<KtPortalDbContext, Task<int>> count)
    {
        await using var db = await DbAsync();
        return await count(db);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await client.SendAsync(request);
    }

    private static string Signed(string body) => StripeEvents.Sign(body, TimeProvider.System.GetUtcNow());

    [Fact]
    public async Task ShouldAnswer400AndChangeNothing_WhenTheSignatureIsBadOrMissing()
    {
        var invoice = await FreshIssuedInvoiceAsync();
        var body = StripeEvents.HandWritten($"evt_bad_{invoice.Id}", "checkout.session.completed", invoice.Id, invoice.TotalMinor);

        using var wrongSecret = await PostAsync(body, StripeEvents.Sign(body, TimeProvider.System.GetUtcNow(), "whsec_someone_else"));
        using var tampered = await PostAsync(body.Replace("\"paid\"", "\"paid\" ", StringComparison.Ordinal), Signed(body));
        using var stale = await PostAsync(body, StripeEvents.Sign(body, TimeProvider.System.GetUtcNow().AddHours(-1)));
        using var missing = await PostAsync(body, null);

        foreach (var response in new[] { wrongSecret, tampered, stale, missing })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await ReadAsync(invoice.Id)).Status.Should().Be(InvoiceStatus.Issued);
        (await CountAsync(db => db.ProcessedWebhookEvents.CountAsync(e => e.Id == $"evt_bad_{invoice.Id}"))).Should().Be(0);
    }

    [Fact]
    public async Task ShouldMarkPaidOnce_WhenTheSameEventArrivesTwice()
    {
        var invoice = await FreshIssuedInvoiceAsync();
        var body = StripeEvents.HandWritten($"evt_twice_{invoice.Id}", "checkout.session.completed", invoice.Id, invoice.TotalMinor);

        using var first = await PostAsync(body, Signed(body));
        var paidAt = (await ReadAsync(invoice.Id)).PaidAtUtc;
        using var second = await PostAsync(body, Signed(body));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK, "Stripe must stop retrying a delivered event");
        (await second.Content.ReadAsStringAsync()).Should().Contain("Duplicate");
        var paid = await ReadAsync(invoice.Id);
        paid.Should().Match<Invoice>(i => i.Status == InvoiceStatus.Paid && i.PaidVia == PaymentMethod.Stripe && i.PaymentReference == "pi_test_hand");
        paid.PaidAtUtc.Should().Be(paidAt);
        (await CountAsync(db => db.ProcessedWebhookEvents.CountAsync(e => e.Id == $"evt_twice_{invoice.Id}"))).Should().Be(1);
        (await CountAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "payment-received" && m.IdempotencyKey.StartsWith($"payment-received:{invoice.Number}:")))).Should().Be(1);
    }

    [Fact]
    public async Task ShouldNeitherUndoNorFakeAPayment_WhenEventsAreOutOfOrderOrMismatched()
    {
        var invoice = await FreshIssuedInvoiceAsync();
        var wrongCurrency = StripeEvents.HandWritten($"evt_currency_{invoice.Id}", "checkout.session.completed", invoice.Id, invoice.TotalMinor, currency: "eur", paymentIntent: $"pi_eur_{invoice.Id}");
        var unpaid = StripeEvents.HandWritten($"evt_unpaid_{invoice.Id}", "checkout.session.completed", invoice.Id, invoice.TotalMinor, paymentStatus: "unpaid");
        var part = StripeEvents.HandWritten($"evt_part_{invoice.Id}", "checkout.session.completed", invoice.Id, invoice.TotalMinor - 100_00);
        var sameAgain = StripeEvents.HandWritten($"evt_part_async_{invoice.Id}", "checkout.session.async_payment_succeeded", invoice.Id, invoice.TotalMinor - 100_00);
        var expiredLate = StripeEvents.HandWritten($"evt_expired_{invoice.Id}", "checkout.session.expired", invoice.Id, invoice.TotalMinor, paymentStatus: "unpaid");

        (await PostAsync(wrongCurrency, Signed(wrongCurrency))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(unpaid, Signed(unpaid))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(invoice.Id)).Status.Should().Be(InvoiceStatus.Issued, "a payment in another currency or an unpaid session pays nothing");

        // What Stripe took is recorded as taken: less than the total leaves a balance; the same payment's second event adds nothing.
        (await PostAsync(part, Signed(part))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(sameAgain, Signed(sameAgain))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(expiredLate, Signed(expiredLate))).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await ReadAsync(invoice.Id);
        after.Status.Should().Be(InvoiceStatus.PartiallyPaid, "an expiry arriving after the payment changes nothing");
        after.PaidMinor.Should().Be(invoice.TotalMinor - 100_00);

        await using var db = await DbAsync();
        (await db.ProcessedWebhookEvents.SingleAsync(e => e.Id == $"evt_currency_{invoice.Id}")).Outcome.Should().StartWith("needs attention");
        (await db.ProcessedWebhookEvents.SingleAsync(e => e.Id == $"evt_part_async_{invoice.Id}")).Outcome.Should().StartWith("already recorded");
        (await db.Payments.CountAsync(p => p.InvoiceId == invoice.Id)).Should().Be(1);
    }

    [StripeFixtureFact]
    public async Task ShouldPay_WhenEventsAreBuiltFromStripesPublishedObjects_InThePinnedAndAnOlderApiVersion()
    {
        var pinned = await FreshIssuedInvoiceAsync();
        var older = await FreshIssuedInvoiceAsync();
        var pinnedBody = StripeEvents.FromFixtures($"evt_fixture_{pinned.Id}", "checkout.session.completed", StripeEvents.PinnedApiVersion, pinned.Id, pinned.TotalMinor, sessionId: $"cs_fx_{pinned.Id}");
        var olderBody = StripeEvents.FromFixtures($"evt_fixture_{older.Id}", "checkout.session.completed", "2024-06-20", older.Id, older.TotalMinor, sessionId: $"cs_fx_{older.Id}");

        using var first = await PostAsync(pinnedBody, Signed(pinnedBody));
        using var second = await PostAsync(olderBody, Signed(olderBody));
        using var again = await PostAsync(olderBody, Signed(olderBody));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(pinned.Id)).Status.Should().Be(InvoiceStatus.Paid);
        (await ReadAsync(older.Id)).Status.Should().Be(InvoiceStatus.Paid);
        (await ReadAsync(older.Id)).PaymentReference.Should().Be("pi_1PgafyB7WZ01zgkWSjxsAJo3", "the payment intent of Stripe's fixture session");
    }

    [StripeFixtureFact]
    public async Task ShouldRecordAndIgnore_StripesOwnUnrelatedEventFixture()
    {
        var body = SharedFixtures.ReadStripe("event.json");

        using var response = await PostAsync(body, Signed(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CountAsync(db => db.ProcessedWebhookEvents.CountAsync(e => e.Id == "evt_1Pgc76B7WZ01zgkWwyRHS12y" && e.Outcome.StartsWith("ignored")))).Should().Be(1);
    }
}
