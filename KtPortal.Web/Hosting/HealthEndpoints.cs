using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KtPortal.Web.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (no check runs; a balancer restarts what fails it).
/// <c>/health/ready</c>: the checks tagged ready, each named with its status in a small JSON body; 503 when one is
/// unhealthy. <c>/health</c> stays what the contract says: 200 when the database answers.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapPortalHealth(this WebApplication app, string databaseCheck)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Name == databaseCheck });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteAsync,
        });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
