using System.Net;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Hosting;

/// <summary>
/// Behind a configured proxy the client's own address (X-Forwarded-For) is what the audit trail records and the sign-in
/// limit counts; from any other address the header is not believed.
/// </summary>
public sealed class ForwardedHeadersTests(ProxiedPortalFactory factory) : IClassFixture<ProxiedPortalFactory>
{
    private async Task<string?> FailedSignInAddressAsync(string email, string connectedFrom)
    {
        using var client = PortalClient.Create(factory);
        client.Http.DefaultRequestHeaders.Add(ProxiedPortalFactory.ConnectedFromHeader, connectedFrom);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        using (await client.PostSignInAsync(email, "Wrong123!"))
        {
        }

        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        return (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Subject == email && a.Kind == AuditKinds.SignInFailed)).IpAddress;
    }

    [Fact]
    public async Task ShouldRecordTheClientsAddress_WhenTheTrustedProxyForwardsIt()
    {
        (await FailedSignInAddressAsync("forwarded@nowhere.test", ProxiedPortalFactory.Proxy)).Should().Be("203.0.113.7");
    }

    [Fact]
    public async Task ShouldIgnoreTheHeader_FromAnAddressThatIsNotTheProxy()
    {
        (await FailedSignInAddressAsync("spoofed@nowhere.test", "198.51.100.20")).Should().Be("198.51.100.20");
    }

    [Fact]
    public void ShouldRefuseToStart_WithAProxyAddressItCannotRead()
    {
        using var broken = new BrokenProxyPortalFactory();

        var start = () => broken.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*KtPortal:Proxy:KnownProxies*load-balancer*");
    }
}

/// <summary>The portal behind a proxy at 10.0.0.1. The test server has no sockets, so a header says which address a
/// request "connected from", applied before anything else runs.</summary>
public sealed class ProxiedPortalFactory : PortalWebFactory
{
    public const string Proxy = "10.0.0.1";
    public const string ConnectedFromHeader = "X-Test-Connected-From";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("KtPortal:Proxy:KnownProxies:0", Proxy);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ConnectedFrom>());
    }

    private sealed class ConnectedFrom : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ConnectedFromHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class BrokenProxyPortalFactory : PortalWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("KtPortal:Proxy:KnownProxies:0", "load-balancer");
    }
}
