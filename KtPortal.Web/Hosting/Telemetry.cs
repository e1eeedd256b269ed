using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KtPortal.Web.Hosting;

/// <summary>
/// OpenTelemetry metrics and traces, off unless configured: <c>KtPortal:Telemetry:Enabled=true</c> collects them,
/// and the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>KtPortal:Telemetry:OtlpEndpoint</c>) exports them over OTLP
/// to a collector, Azure Monitor's agent or anything that speaks it.
/// </summary>
internal static class Telemetry
{
    /// <summary>The portal's own meter and activity source.</summary>
    public const string SourceName = "KtPortal";

    public static void AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("KtPortal:Telemetry");
        if (!section.GetValue<bool>("Enabled"))
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(SourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SourceName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddSource(SourceName, "Microsoft.EntityFrameworkCore"));
        if (section["OtlpEndpoint"] is { Length: > 0 } endpoint)
        {
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        }
        else if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
