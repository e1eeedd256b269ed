using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace KtPortal.Tests.Integration.Hosting;

/// <summary>/health/live and /health/ready as a balancer or App Service's health check reads them.</summary>
public sealed class HealthEndpointTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task ShouldAnswerLive_AndReadyWithEachCheckNamed()
    {
        using var client = factory.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        body.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).Should().Equal("database");
    }
}

/// <summary>Redis configured but not answering (nothing listens on its port): the instance still serves pages and
/// sign-ins, and readiness says Redis is degraded without taking the instance out of rotation.</summary>
public sealed class RedisDownHealthTests(RedisDownPortalFactory factory) : IClassFixture<RedisDownPortalFactory>
{
    [Fact]
    public async Task ShouldStayReadyAndServePages_WhenRedisDoesNotAnswer()
    {
        using var client = PortalClient.Create(factory);
        await client.SignInAsync("alice@acme.test");

        using var dashboard = await client.GetAsync("/dashboard");
        using var ready = await client.GetAsync("/health/ready");

        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK, "a Redis outage degrades live updates, it does not stop the instance");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("Degraded");
        body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().Should().Be("Degraded");
    }
}

public sealed class RedisDownPortalFactory : PortalWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var unused = KtPortal.Tests.TestSupport.LoopbackPort.Free();
        builder.UseSetting("KtPortal:Scale:Redis", $"127.0.0.1:{unused},connectTimeout=500");
    }
}
