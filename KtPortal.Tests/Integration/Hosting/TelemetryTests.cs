using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace KtPortal.Tests.Integration.Hosting;

/// <summary>Turned on by configuration, the portal produces OpenTelemetry traces and metrics for any exporter; the
/// test adds the in-memory one where production would name an OTLP endpoint.</summary>
public sealed class TelemetryTests(TelemetryPortalFactory factory) : IClassFixture<TelemetryPortalFactory>
{
    [Fact]
    public async Task ShouldTraceAPageRequest_AndMeasureIt_WhenTelemetryIsOn()
    {
        using var client = PortalClient.Create(factory);

        using (await client.GetAsync("/Account/Login"))
        {
        }

        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        factory.Activities.Should().Contain(a => a.Kind == ActivityKind.Server && Equals(a.GetTagItem("url.path"), "/Account/Login"));
        factory.Metrics.Select(m => m.Name).Should().Contain("http.server.request.duration");
    }

    [Fact]
    public void ShouldProduceNothing_WhenTelemetryIsNotConfigured()
    {
        using var plain = new PortalWebFactory();

        plain.Services.GetService<TracerProvider>().Should().BeNull();
    }
}

public sealed class TelemetryPortalFactory : PortalWebFactory
{
    public List<Activity> Activities { get; } = [];

    public List<Metric> Metrics { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("KtPortal:Telemetry:Enabled", "true");
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Activities));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        });
    }
}
