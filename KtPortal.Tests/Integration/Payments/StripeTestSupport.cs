using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Integration.Payments;

/// <summary>Builds and signs webhook payloads the way Stripe does: <c>t=&lt;unix&gt;,v1=HMAC-SHA256("t.body")</c>.</summary>
public static class StripeEvents
{
    public const string WebhookSecret = "whsec_test_ktportal_0123456789";

    /// <summary>The API version Stripe.net 53.x is pinned to (read from the library, not typed here).</summary>
    public static string PinnedApiVersion => Stripe.StripeConfiguration.ApiVersion;

    public static string Sign(string body, DateTimeOffset at, string secret = WebhookSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(hash)}";
    }

    /// <summary>A Checkout Session event from Stripe's own fixtures: the session goes into the event envelope's data.object.</summary>
    public static string FromFixtures(string eventId, string type, string apiVersion, int invoiceId, long amount, string paymentStatus = "paid", string sessionId = "cs_test_fixture")
    {
        var session = JsonNode.Parse(SharedFixtures.ReadStripe("checkout_session.json"))!;
        session["id"] = sessionId;
        session["client_reference_id"] = invoiceId.ToString(CultureInfo.InvariantCulture);
        session["metadata"] = new JsonObject { ["invoice_id"] = invoiceId.ToString(CultureInfo.InvariantCulture) };
        session["payment_status"] = paymentStatus;
        session["status"] = "complete";
        session["amount_total"] = amount;
        session["amount_subtotal"] = amount;
        session["currency"] = "usd";
        var envelope = JsonNode.Parse(SharedFixtures.ReadStripe("event.json"))!;
        envelope["id"] = eventId;
        envelope["type"] = type;
        envelope["api_version"] = apiVersion;
        envelope["data"]!["object"] = session;
        return envelope.ToJsonString();
    }

    /// <summary>The same shape written by hand, so the webhook is tested even where the shared fixtures are absent.</summary>
    public static string HandWritten(
        string eventId, string type, int invoiceId, long amount, string paymentStatus = "paid", string sessionId = "cs_test_hand", string currency = "usd", string paymentIntent = "pi_test_hand") =>
        $$"""
        {"id":"{{eventId}}","object":"event","api_version":"{{PinnedApiVersion}}","created":1764000000,"livemode":false,"pending_webhooks":1,
         "request":{"id":null,"idempotency_key":null},"type":"{{type}}",
         "data":{"object":{"id":"{{sessionId}}","object":"checkout.session","mode":"payment","status":"complete","payment_status":"{{paymentStatus}}",
           "amount_total":{{amount}},"currency":"{{currency}}","client_reference_id":"{{invoiceId}}","metadata":{"invoice_id":"{{invoiceId}}"},
           "payment_intent":"{{paymentIntent}}","livemode":false,"created":1764000000,"expires_at":1764086400} } }
        """;
}

/// <summary>
/// <c>charge.refunded</c> events: the charge Stripe sends carries what it took and the running total refunded of it. From
/// Stripe's own charge fixture when the shared fixtures are there, else written by hand in the same shape.
/// </summary>
public static class StripeRefundEvents
{
    public static string FromFixture(string eventId, string apiVersion, int invoiceId, string paymentIntent, long amount, long amountRefunded, string chargeId = "ch_fixture")
    {
        var charge = JsonNode.Parse(SharedFixtures.ReadStripe("charge.json"))!;
        Fill(charge.AsObject(), invoiceId, paymentIntent, amount, amountRefunded, chargeId);
        var envelope = JsonNode.Parse(SharedFixtures.ReadStripe("event.json"))!;
        envelope["id"] = eventId;
        envelope["type"] = "charge.refunded";
        envelope["api_version"] = apiVersion;
        envelope["data"]!["object"] = charge;
        return envelope.ToJsonString();
    }

    public static string HandWritten(string eventId, int invoiceId, string paymentIntent, long amount, long amountRefunded, string chargeId = "ch_hand", string currency = "usd")
    {
        var charge = new JsonObject { ["object"] = "charge", ["livemode"] = false, ["created"] = 1764000000, ["status"] = "succeeded", ["paid"] = true, ["captured"] = true };
        Fill(charge, invoiceId, paymentIntent, amount, amountRefunded, chargeId);
        charge["currency"] = currency;
        return new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = StripeEvents.PinnedApiVersion,
            ["created"] = 1764000000,
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = "charge.refunded",
            ["data"] = new JsonObject { ["object"] = charge },
        }.ToJsonString();
    }

    private static void Fill(JsonObject charge, int invoiceId, string paymentIntent, long amount, long amountRefunded, string chargeId)
    {
        charge["id"] = chargeId;
        charge["amount"] = amount;
        charge["amount_captured"] = amount;
        charge["amount_refunded"] = amountRefunded;
        charge["refunded"] = amountRefunded == amount;
        charge["currency"] = "usd";
        charge["payment_intent"] = paymentIntent;
        charge["metadata"] = new JsonObject { ["invoice_id"] = invoiceId.ToString(CultureInfo.InvariantCulture) };
    }
}

/// <summary>
/// A local HTTP server standing in for the Stripe API: answers <c>POST /v1/checkout/sessions</c> with a session and
/// records what the portal sent (idempotency key, form body). <see cref="FailNext"/> makes it answer 500.
/// </summary>
public sealed class FakeStripeApi : LocalHttpStandIn
{
    public List<(string Path, string? IdempotencyKey, string Body)> Requests { get; } = [];

    /// <summary>How many of the next requests get a 500 (Stripe.net retries with the same idempotency key).</summary>
    public int FailNext { get; set; }

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = WebUtility.UrlDecode(await reader.ReadToEndAsync());
        var key = context.Request.Headers["Idempotency-Key"];
        lock (Requests)
        {
            Requests.Add((context.Request.Url!.AbsolutePath, key, body));
        }

        var failing = FailNext > 0;
        FailNext = Math.Max(0, FailNext - 1);
        var expires = TimeProvider.System.GetUtcNow().AddHours(24).ToUnixTimeSeconds();
        var id = $"cs_test_{Math.Abs((key ?? "none").GetHashCode(StringComparison.Ordinal))}";
        var json = failing
            ? """{"error":{"type":"api_error","message":"Stripe is having a moment"}}"""
            : $$"""{"id":"{{id}}","object":"checkout.session","url":"https://checkout.stripe.test/c/pay/{{id}}","expires_at":{{expires}},"payment_status":"unpaid","status":"open","mode":"payment"}""";
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = failing ? 500 : 200;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(bytes);
    }
}
