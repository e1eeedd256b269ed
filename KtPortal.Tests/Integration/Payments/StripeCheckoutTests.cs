using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Seeding;
using KtPortal.Web.Features.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Payments;

/// <summary>"Pay now" against a local server standing in for the Stripe API.</summary>
public sealed class StripeCheckoutTests(StripePortalFactory factory) : IClassFixture<StripePortalFactory>
{
    private static readonly Actor Staff = new("checkout-test", PortalRoles.Staff, null);

    private async Task<(int InvoiceId, Actor Alice)> IssuedAcmeInvoiceAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Clients.ClientQueries>().ListAsync(Staff);
        var acme = clients.Single(c => c.Name == DemoData.AcmeName).Id;
        var service = scope.ServiceProvider.GetRequiredService<InvoiceService>();
        var id = await service.CreateDraftAsync(Staff, new InvoiceDraftInput(acme, "Audit", null, [new InvoiceLineInput("Security audit", true, "2", 120m)]));
        await service.IssueAsync(Staff, id, (await scope.ServiceProvider.GetRequiredService<InvoiceQueries>().GetAsync(Staff, id))!.ConcurrencyStamp);
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<KtPortal.Domain.Accounts.PortalUser>>();
        var alice = await users.FindByEmailAsync(DemoData.AliceEmail);
        return (id, new Actor(alice!.Id, PortalRoles.ClientAdmin, acme));
    }

    private async Task<string> PayAsync(Actor actor, int invoiceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StripeCheckout>().StartAsync(actor, invoiceId);
    }

    private List<(string Path, string? IdempotencyKey, string Body)> RequestsFor(int invoiceId)
    {
        lock (factory.Stripe.Requests)
        {
            return factory.Stripe.Requests.Where(r => r.Body.Contains($"client_reference_id={invoiceId}&", StringComparison.Ordinal)).ToList();
        }
    }

    [Fact]
    public async Task ShouldOpenOneCheckoutSessionForTheAmount_AndReuseIt_WhenPayingNow()
    {
        var (invoiceId, alice) = await IssuedAcmeInvoiceAsync();

        var url = await PayAsync(alice, invoiceId);
        var again = await PayAsync(alice, invoiceId);

        url.Should().StartWith("https://checkout.stripe.test/c/pay/cs_test_");
        again.Should().Be(url, "an open session is reused instead of making a second one");
        var request = RequestsFor(invoiceId).Should().ContainSingle().Subject;
        request.Path.Should().Be("/v1/checkout/sessions");
        request.IdempotencyKey.Should().StartWith($"checkout-{invoiceId}-");
        request.Body.Should().Contain("line_items[0][price_data][unit_amount]=24000").And.Contain("mode=payment")
            .And.Contain("metadata[invoice_id]=" + invoiceId).And.Contain("line_items[0][price_data][currency]=usd");
    }

    [Fact]
    public async Task ShouldRetryWithTheSameIdempotencyKey_WhenACallFails()
    {
        var (invoiceId, alice) = await IssuedAcmeInvoiceAsync();
        factory.Stripe.FailNext = 10;

        var failing = async () => await PayAsync(alice, invoiceId);
        (await failing.Should().ThrowAsync<PaymentUnavailableException>()).Which.Message.Should().Contain("Try again");
        factory.Stripe.FailNext = 0;
        await PayAsync(alice, invoiceId);

        RequestsFor(invoiceId).Select(r => r.IdempotencyKey).Distinct().Should().ContainSingle("every attempt, retried or repeated, carries the invoice's one key");
    }

    [Fact]
    public async Task ShouldShowPayNowOnAnIssuedInvoice_WhenAKeyIsConfigured()
    {
        var (invoiceId, _) = await IssuedAcmeInvoiceAsync();
        using var client = PortalClient.Create(factory);
        await client.SignInAsync(DemoData.AliceEmail);

        var html = await (await client.GetAsync($"/invoices/{invoiceId}")).Content.ReadAsStringAsync();
        var pdf = KtPortal.Tests.Domain.Invoices.InvoiceRendererTests.Text(await (await client.GetAsync($"/invoices/{invoiceId}/pdf")).Content.ReadAsByteArrayAsync(), out _);

        html.Should().Contain("data-testid=\"invoice-pay\"");
        pdf.Should().Contain("Pay online").And.Contain($"/invoices/{invoiceId}", "with Stripe set up the PDF links to the page that pays");
    }

    [Fact]
    public async Task ShouldPutNoPayLinkOnADraftsPdf_EvenWithStripe()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Clients.ClientQueries>().ListAsync(Staff);
        var acme = clients.Single(c => c.Name == DemoData.AcmeName).Id;
        var id = await scope.ServiceProvider.GetRequiredService<InvoiceService>().CreateDraftAsync(Staff,
            new InvoiceDraftInput(acme, "Draft only", null, [new InvoiceLineInput("Planning", true, "1", 120m)]));
        var draft = (await scope.ServiceProvider.GetRequiredService<InvoiceQueries>().GetAsync(Staff, id))!;

        var text = KtPortal.Tests.Domain.Invoices.InvoiceRendererTests.Text(
            scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Invoices.Rendering.InvoiceRenderer>().RenderPdf(draft), out _);

        draft.PayOnline.Should().BeFalse();
        text.Should().NotContain("Pay online").And.Contain("Reference to quote: the invoice number, once issued");
    }

    [Fact]
    public async Task ShouldRefuse_WhenTheInvoiceIsAnotherClientsOrAlreadyPaid()
    {
        var (invoiceId, _) = await IssuedAcmeInvoiceAsync();
        var bob = new Actor("bob", PortalRoles.ClientAdmin, 999);

        var foreign = async () => await PayAsync(bob, invoiceId);
        await foreign.Should().ThrowAsync<NotFoundException>();
        RequestsFor(invoiceId).Should().BeEmpty();
    }
}
