using System.Text.Json;
using KtPortal.Domain.Common;
using StackExchange.Redis;

namespace KtPortal.Web.Hosting;

/// <summary>
/// Live updates across instances. Every change is handed to this instance's open pages first, exactly as with one
/// instance, then published on a Redis channel; what other instances publish is handed to the pages open here.
/// Redis pub/sub is at most once: a change published while a link was down is lost, so when this instance's
/// subscription comes back every page open here re-reads (<see cref="PortalChange.ResyncAll"/>), and it tells the
/// other instances to do the same, since they missed what it published meanwhile. A Redis outage never fails a write:
/// the publish is skipped and logged once per outage by <see cref="RedisLink"/>.
/// </summary>
public sealed partial class RedisChangeNotifier : IChangeNotifier, IHostedService
{
    private readonly InProcessChangeNotifier _local;
    private readonly RedisLink _redis;
    private readonly ILogger<RedisChangeNotifier> _logger;
    private readonly RedisChannel _channel;
    private readonly string _origin = Guid.NewGuid().ToString("N");

    public RedisChangeNotifier(InProcessChangeNotifier local, RedisLink redis, ILogger<RedisChangeNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _local = local;
        _redis = redis;
        _logger = logger;
        _channel = RedisChannel.Literal($"{redis.Prefix}:changes");
    }

    public IDisposable Subscribe(Actor actor, Func<PortalChange, Task> handler) => _local.Subscribe(actor, handler);

    public async Task PublishAsync(PortalChange change)
    {
        await _local.PublishAsync(change);
        Send(change);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis.Connection.ConnectionRestored += OnRestored;
        try
        {
            await _redis.Connection.GetSubscriber().SubscribeAsync(_channel, (_, message) => Receive(message));
        }
        catch (RedisException ex)
        {
            // Not connected yet: StackExchange.Redis subscribes again on connecting, and OnRestored resyncs then.
            LogSubscribeLater(_logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _redis.Connection.ConnectionRestored -= OnRestored;
        return Task.CompletedTask;
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        _ = _local.PublishAsync(PortalChange.ResyncAll);
        Send(PortalChange.ResyncAll);
    }

    private void Send(PortalChange change)
    {
        if (!_redis.IsConnected)
        {
            return;
        }

        try
        {
            var message = JsonSerializer.Serialize(new RelayedChange(_origin, change.Topic, change.EntityId, change.ClientId), RelayJson.Default.RelayedChange);
            _redis.Connection.GetSubscriber().Publish(_channel, message, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            LogPublishSkipped(_logger, change.Topic, ex.Message);
        }
    }

    private void Receive(RedisValue message)
    {
        RelayedChange? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize(message.ToString(), RelayJson.Default.RelayedChange);
        }
        catch (JsonException)
        {
            relayed = null;
        }

        if (relayed is null || string.IsNullOrEmpty(relayed.Topic) || relayed.EntityId is null)
        {
            LogUnreadable(_logger, _channel.ToString());
            return;
        }

        if (relayed.Origin != _origin)
        {
            _ = _local.PublishAsync(new PortalChange(relayed.Topic, relayed.EntityId, relayed.ClientId));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not reachable yet; live updates from other instances start when it is ({Reason}).")]
    private static partial void LogSubscribeLater(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Topic} change was not sent to the other instances: {Reason}. Their pages re-read when the link returns.")]
    private static partial void LogPublishSkipped(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unreadable message on {Channel} was ignored.")]
    private static partial void LogUnreadable(ILogger logger, string channel);
}

/// <summary>What travels between instances: the change itself (never user data) and which instance sent it.</summary>
internal sealed record RelayedChange(string Origin, string Topic, string EntityId, int? ClientId);

[System.Text.Json.Serialization.JsonSerializable(typeof(RelayedChange))]
internal sealed partial class RelayJson : System.Text.Json.Serialization.JsonSerializerContext;
