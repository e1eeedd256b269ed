using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KtPortal.Web.Hosting;

/// <summary>
/// What lets the portal run as several instances behind a balancer, each piece switched on by its setting alone.
/// With none set the portal is the single process it always was; only the key ring moves (to the database).
/// </summary>
internal static class ScaleOutComposition
{
    /// <summary>The application name the key ring is bound to: every instance must share it (and the database).</summary>
    public const string ApplicationName = "KtPortal";

    public static void AddPortalScaleOut(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Sign-in cookies, antiforgery tokens and circuit state are protected with these keys: kept in the database,
        // a redeploy or a second instance reads the same ones and nobody is signed out.
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<KtPortalDbContext>();

        var proxy = new ProxyOptions();
        configuration.GetSection("KtPortal:Proxy").Bind(proxy);
        services.AddSingleton(proxy);
        services.AddPortalForwardedHeaders(proxy);

        var blob = configuration.GetSection("KtPortal:Attachments:Blob").Get<BlobStoreOptions>() ?? new BlobStoreOptions();
        if (!string.IsNullOrWhiteSpace(blob.ConnectionString))
        {
            // No disk shared between instances: attachments live in a private blob container instead.
            services.AddSingleton(_ => new Azure.Storage.Blobs.BlobContainerClient(blob.ConnectionString, blob.Container));
            services.Replace(ServiceDescriptor.Singleton<KtPortal.Domain.Tickets.IAttachmentStore, BlobAttachmentStore>());
            services.AddHealthChecks().AddCheck<BlobHealthCheck>("attachments", tags: [HealthTags.Ready]);
        }

        services.Configure<ScaleOptions>(configuration.GetSection("KtPortal:Scale"));
        if (!string.IsNullOrWhiteSpace(configuration["KtPortal:Scale:Redis"]))
        {
            services.AddSingleton<RedisLink>();
            services.AddSingleton<InProcessChangeNotifier>();
            services.AddSingleton<RedisChangeNotifier>();
            services.Replace(ServiceDescriptor.Singleton<IChangeNotifier>(sp => sp.GetRequiredService<RedisChangeNotifier>()));
            services.AddHostedService(sp => sp.GetRequiredService<RedisChangeNotifier>());
            services.AddSingleton<ISharedAttemptCounter, RedisAttemptCounter>();
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        }
    }

    public static void UsePortalForwardedHeaders(this WebApplication app)
    {
        if (ForwardedHeaders.IsConfigured(app.Services.GetRequiredService<ProxyOptions>()))
        {
            app.UseForwardedHeaders();
        }
    }
}
