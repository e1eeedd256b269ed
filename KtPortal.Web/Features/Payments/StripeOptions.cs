namespace KtPortal.Web.Features.Payments;

/// <summary>
/// <c>KtPortal:Stripe</c>. Without a secret key the portal hides "Pay now" and everything else works; without a
/// webhook secret <c>/webhooks/stripe</c> refuses every event (nothing unverified is ever applied).
/// </summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>Only for tests and proxies: where the Stripe API lives (default https://api.stripe.com).</summary>
    public string? ApiBase { get; set; }

    /// <summary>How old a signed event may be, in seconds (Stripe's default tolerance is 300).</summary>
    public long ToleranceSeconds { get; set; } = 300;

    public bool CheckoutEnabled => !string.IsNullOrWhiteSpace(SecretKey);
}
