using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KtPortal.Web.Hosting;

/// <summary>
/// Degraded, not unhealthy, while Redis is down: the instance still serves every page and write (live updates stay on
/// the instance, sign-in limits count here), so a balancer should not take it out of rotation for that alone.
/// </summary>
internal sealed class RedisHealthCheck(RedisLink redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Degraded("Redis does not answer; live updates reach only this instance's pages.");
        }

        try
        {
            var latency = await redis.Connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; live updates reach only this instance's pages.", ex);
        }
    }
}
