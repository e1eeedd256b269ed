using Microsoft.AspNetCore.Hosting;

namespace KtPortal.Tests.Integration.Payments;

/// <summary>The portal with Stripe configured: a test secret key against <see cref="FakeStripeApi"/> and a webhook secret.</summary>
public sealed class StripePortalFactory : PortalWebFactory
{
    public FakeStripeApi Stripe { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("KtPortal:Stripe:SecretKey", "sk_test_ktportal");
        builder.UseSetting("KtPortal:Stripe:WebhookSecret", StripeEvents.WebhookSecret);
        builder.UseSetting("KtPortal:Stripe:ApiBase", Stripe.BaseUrl);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Stripe.Dispose();
    }
}
