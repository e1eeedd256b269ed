namespace KtPortal.Web.Hosting;

/// <summary>
/// Bound from <c>KtPortal:Scale</c>. Everything here is optional: one instance on SQLite needs none of it, and
/// <c>dotnet run</c> needs nothing more than it did. docs/deployment.md says when each is wanted.
/// </summary>
public sealed class ScaleOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string (<c>host:6379,password=…,ssl=True</c>). When set, live updates reach
    /// pages open on the other instances and the sign-in limits are counted across all of them.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The Redis channel and key prefix, so several portals may share one Redis.</summary>
    public string RedisPrefix { get; set; } = "ktportal";
}

/// <summary>
/// Bound from <c>KtPortal:Proxy</c>: the reverse proxies or load balancers trusted to say who the client is
/// (<c>X-Forwarded-For</c>) and whether it came over HTTPS (<c>X-Forwarded-Proto</c>). Empty: no header is believed.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.4</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks the proxies live in, in CIDR form, e.g. <c>10.0.0.0/24</c> (App Service's front ends).</summary>
    public IList<string> KnownNetworks { get; } = [];
}
