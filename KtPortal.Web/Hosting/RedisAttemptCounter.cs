using KtPortal.Web.Security;
using StackExchange.Redis;

namespace KtPortal.Web.Hosting;

/// <summary>
/// Sign-in attempts counted in Redis, so a limit holds across every instance behind the balancer. One fixed window per
/// key: the first attempt creates the counter with the window as its time to live, in one script so a crash between
/// the two steps cannot leave a counter that never expires. Answers null while Redis is unreachable: the caller counts
/// in this process then.
/// </summary>
public sealed partial class RedisAttemptCounter(RedisLink redis, ILogger<RedisAttemptCounter> logger) : ISharedAttemptCounter
{
    private const string IncrementScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    public async Task<long?> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return null;
        }

        try
        {
            var result = await redis.Connection.GetDatabase().ScriptEvaluateAsync(IncrementScript,
                [new RedisKey($"{redis.Prefix}:signin:{key}")], [(long)window.TotalMilliseconds]);
            return (long)result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogFallback(logger, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in attempts counted on this instance only: Redis did not answer ({Reason}).")]
    private static partial void LogFallback(ILogger logger, string reason);
}
