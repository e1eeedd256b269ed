using System.Globalization;
using System.Text;
using KtPortal.Domain.Invoices;
using Microsoft.Extensions.Options;
using Stripe;
using InvoicePaymentService = KtPortal.Domain.Invoices.InvoicePaymentService;
using Stripe.Checkout;

namespace KtPortal.Web.Features.Payments;

/// <summary>
/// <c>POST /webhooks/stripe</c>: verifies the <c>Stripe-Signature</c> over the raw body before reading anything;
/// a bad or missing signature gets 400 and changes nothing. Events are applied once by id (redeliveries answer
/// 200 so Stripe stops retrying). Events of another API version are accepted on purpose (see docs/payments.md):
/// only fields that are stable across versions are read.
/// </summary>
internal static partial class StripeWebhookEndpoint
{
    private const int MaxBodyBytes = 512 * 1024;

    public static void MapStripeWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/webhooks/stripe", HandleAsync).AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpRequest request, IOptions<StripeOptions> options, InvoicePaymentService payments, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("KtPortal.Web.StripeWebhook");
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return Results.Problem("Stripe webhooks are not configured.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem("The event is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var signature = request.Headers["Stripe-Signature"].ToString();
        if (string.IsNullOrWhiteSpace(signature))
        {
            return Results.Problem("The Stripe signature is missing or invalid.", statusCode: StatusCodes.Status400BadRequest);
        }

        string json;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            json = await reader.ReadToEndAsync(cancellationToken);
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(
                json, signature, secret, options.Value.ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            LogRejected(logger, ex.Message);
            return Results.Problem("The Stripe signature is missing or invalid.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return Results.Problem("The event is not valid JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        var outcome = stripeEvent.Data?.Object is Charge charge && stripeEvent.Type == "charge.refunded"
            ? await payments.ApplyRefundAsync(
                new ChargeRefundedEvent(
                    stripeEvent.Id, stripeEvent.Type, charge.Id, charge.PaymentIntentId, InvoiceIdOf(null, charge.Metadata), charge.Amount, charge.AmountRefunded, charge.Currency),
                cancellationToken)
            : await ApplyCheckoutAsync(stripeEvent, payments, cancellationToken);
        LogApplied(logger, stripeEvent.Id, stripeEvent.Type, outcome);
        return Results.Ok(new { received = true, outcome = outcome.ToString() });
    }

    private static Task<WebhookOutcome> ApplyCheckoutAsync(Event stripeEvent, InvoicePaymentService payments, CancellationToken cancellationToken)
    {
        var session = stripeEvent.Data?.Object as Session;
        return payments.ApplyAsync(
            new CheckoutSessionEvent(
                stripeEvent.Id,
                stripeEvent.Type,
                session?.Id,
                InvoiceIdOf(session?.ClientReferenceId, session?.Metadata),
                session?.PaymentStatus,
                session?.AmountTotal,
                session?.Currency,
                session?.PaymentIntentId),
            cancellationToken);
    }

    /// <summary>The invoice a session or charge is for: the session's client reference, else the <c>invoice_id</c> the portal put in the metadata.</summary>
    private static int? InvoiceIdOf(string? clientReferenceId, IDictionary<string, string>? metadata)
    {
        var text = clientReferenceId ?? (metadata is not null && metadata.TryGetValue("invoice_id", out var id) ? id : null);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var invoiceId) ? invoiceId : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Stripe webhook: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId} ({Type}): {Outcome}")]
    private static partial void LogApplied(ILogger logger, string eventId, string type, WebhookOutcome outcome);
}
