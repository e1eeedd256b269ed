using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KtPortal.Web.Hosting;

/// <summary>
/// The portal's one connection to Redis, made at start whether or not Redis answers: the portal starts and serves
/// without it, and StackExchange.Redis reconnects in the background. Commands fail at once while it is down (no
/// backlog), so a caller never waits on an outage: live updates skip Redis, sign-in limits count in this process.
/// </summary>
public sealed partial class RedisLink : IDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly ILogger<RedisLink> _logger;

    public RedisLink(IOptions<ScaleOptions> options, ILogger<RedisLink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        Prefix = options.Value.RedisPrefix;
        var configuration = ConfigurationOptions.Parse(options.Value.Redis ?? throw new InvalidOperationException("KtPortal:Scale:Redis is not set."));
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 3000);
        configuration.ClientName ??= "ktportal";
        _connection = ConnectionMultiplexer.Connect(configuration);
        _connection.ConnectionFailed += (_, e) => LogLost(_logger, e.ConnectionType, e.FailureType, e.Exception?.Message);
        _connection.ConnectionRestored += (_, e) => LogRestored(_logger, e.ConnectionType);
        if (!_connection.IsConnected)
        {
            LogNotYet(_logger, configuration.ToString(includePassword: false));
        }
    }

    public string Prefix { get; }

    public IConnectionMultiplexer Connection => _connection;

    public bool IsConnected => _connection.IsConnected;

    public void Dispose() => _connection.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection lost ({ConnectionType}, {FailureType}): {Reason}. Live updates stay on this instance and sign-in limits count here until it returns.")]
    private static partial void LogLost(ILogger logger, ConnectionType connectionType, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection restored ({ConnectionType}).")]
    private static partial void LogRestored(ILogger logger, ConnectionType connectionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Configuration} does not answer yet; the portal serves without it and keeps trying.")]
    private static partial void LogNotYet(ILogger logger, string configuration);
}
