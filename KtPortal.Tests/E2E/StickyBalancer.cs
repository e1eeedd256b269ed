using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace KtPortal.Tests.E2E;

/// <summary>
/// A load balancer in front of portal instances, as production has one: YARP on a free loopback port, round robin for
/// a browser's first request and a sticky cookie after that (Blazor Server keeps each circuit on one instance), an
/// active health check on <c>/health/live</c> each second so a dead instance's browsers move to a live one. Each answer
/// names the instance that served it (<see cref="InstanceHeader"/>) so a test knows where a browser landed.
/// </summary>
public sealed class StickyBalancer : IAsyncDisposable
{
    public const string InstanceHeader = "X-Test-Instance";

    private readonly WebApplication _app;

    private StickyBalancer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<StickyBalancer> StartAsync(IReadOnlyDictionary<string, string> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var port = KtPortal.Tests.TestSupport.LoopbackPort.Free();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var route = new RouteConfig { RouteId = "portal", ClusterId = "portal", Match = new RouteMatch { Path = "{**rest}" } };
        var cluster = new ClusterConfig
        {
            ClusterId = "portal",
            LoadBalancingPolicy = "RoundRobin",
            SessionAffinity = new SessionAffinityConfig { Enabled = true, Policy = "Cookie", AffinityKeyName = ".Test.Balancer", FailurePolicy = "Redistribute" },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(1),
                    Timeout = TimeSpan.FromSeconds(2),
                    Policy = "ConsecutiveFailures",
                    Path = "/health/live",
                },
            },
            Destinations = instances.ToDictionary(i => i.Key, i => new DestinationConfig { Address = i.Value }),
        };
        builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]).AddTransforms(transforms =>
            transforms.AddResponseTransform(context =>
            {
                if (context.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.DestinationId is { } instance)
                {
                    context.HttpContext.Response.Headers[InstanceHeader] = instance;
                }

                return ValueTask.CompletedTask;
            }));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return new StickyBalancer(app, $"http://127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
