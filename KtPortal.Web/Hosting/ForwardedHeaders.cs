using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace KtPortal.Web.Hosting;

/// <summary>
/// Behind a balancer every request comes from the balancer's address, for the balancer's host name. The sign-in limits,
/// the audit trail's "from which IP", HTTPS redirection and the portal's own links need the client's address, scheme and
/// host, which only a proxy we trust may tell us.
/// </summary>
internal static class ForwardedHeaders
{
    public static void AddPortalForwardedHeaders(this IServiceCollection services, ProxyOptions proxy)
    {
        var proxies = proxy.KnownProxies
            .Select(p => IPAddress.TryParse(p?.Trim(), out var address) ? address : throw Refused("KtPortal:Proxy:KnownProxies", p))
            .ToList();
        var networks = proxy.KnownNetworks
            .Select(n => System.Net.IPNetwork.TryParse(n?.Trim(), out var network) ? network : throw Refused("KtPortal:Proxy:KnownNetworks", n))
            .ToList();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            // Nothing to believe. (App Service's own switch, ASPNETCORE_FORWARDEDHEADERS_ENABLED, still works as
            // Microsoft documents it: it configures the framework's middleware without us.)
            return;
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The host too: a proxy that does not pass the browser's Host on (YARP's default) would otherwise have
            // the portal write its own address into redirects and links, and the browser would leave the balancer.
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost;

            // Only what is configured is trusted: the framework's default (loopback) would let anything on this host
            // claim any address.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxies)
            {
                options.KnownProxies.Add(address);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
    }

    public static bool IsConfigured(ProxyOptions proxy) => proxy.KnownProxies.Count > 0 || proxy.KnownNetworks.Count > 0;

    private static InvalidOperationException Refused(string setting, string? text) =>
        new($"{setting}: \"{text}\" is not an IP address (KnownProxies) or a network in CIDR form (KnownNetworks).");
}
