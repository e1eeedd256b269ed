using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using Microsoft.Extensions.Options;
using Stripe;
using InvoicePaymentService = KtPortal.Domain.Invoices.InvoicePaymentService;
using Stripe.Checkout;

namespace KtPortal.Web.Features.Payments;

/// <summary>
/// "Pay now": opens a Stripe Checkout Session for an issued invoice. The idempotency key comes from the invoice, so a
/// double click or a retry after a lost answer gets the same session from Stripe; an open session is reused.
/// </summary>
public sealed class StripeCheckout(IOptions<StripeOptions> options, InvoicePaymentService payments, AgencyProfile agency) : IOnlinePayments
{
    public bool IsEnabled => options.Value.CheckoutEnabled;

    /// <summary>The Checkout page to send the payer to.</summary>
    public async Task<string> StartAsync(Actor actor, int invoiceId, CancellationToken cancellationToken = default)
    {
        if (!IsEnabled)
        {
            throw new ValidationFailedException("Payment", "Online payment is not set up. Pay by bank transfer as the invoice says.");
        }

        var request = await payments.PrepareCheckoutAsync(actor, invoiceId, cancellationToken);
        if (request.ExistingUrl is not null)
        {
            return request.ExistingUrl;
        }

        var invoiceUrl = agency.InvoiceUrl(invoiceId);
        var metadata = new Dictionary<string, string>
        {
            ["invoice_id"] = invoiceId.ToString(CultureInfo.InvariantCulture),
            ["invoice_number"] = request.Number,
        };
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = invoiceId.ToString(CultureInfo.InvariantCulture),
            CustomerEmail = request.CustomerEmail,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata, Description = request.Description },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency.ToLowerInvariant(),
                        UnitAmount = request.AmountMinor,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                    },
                },
            ],
            SuccessUrl = $"{invoiceUrl}?paid=1",
            CancelUrl = invoiceUrl,
        };
        var client = new StripeClient(options.Value.SecretKey, apiBase: string.IsNullOrWhiteSpace(options.Value.ApiBase) ? null : options.Value.ApiBase);
        Session session;
        try
        {
            session = await new SessionService(client).CreateAsync(create, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken);
        }
        catch (StripeException ex)
        {
            throw new PaymentUnavailableException($"Stripe could not start the payment ({ex.StripeError?.Message ?? ex.Message}). Try again in a moment.");
        }

        await payments.RecordCheckoutAsync(invoiceId, request.IdempotencyKey, session.Id, session.Url, session.ExpiresAt.ToUniversalTime(), cancellationToken);
        return session.Url;
    }
}

/// <summary>The payment provider failed; the message is safe to show.</summary>
public sealed class PaymentUnavailableException(string message) : DomainException(message);
