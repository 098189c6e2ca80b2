using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SmartEldercare.Platform.Live;

/// <summary>
/// Carries live updates between instances for their in-process subscribers (hub clients cross through the SignalR
/// Redis backplane). Each instance delivers its own updates locally at once and ignores its own echo. When Redis
/// is down, each instance keeps serving its own consoles, the outage is logged, and consoles reload from the
/// database (see <see cref="ILiveUpdates.IsDegraded"/>) until Redis returns.
/// </summary>
public sealed class RedisLiveRelay(IConnectionMultiplexer redis, ILogger<RedisLiveRelay> logger) : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("eldercare:live");

    // Per relay, not per process: tests run two instances in one process.
    private readonly string instanceId = Guid.NewGuid().ToString("N");

    private LiveUpdates? local;
    private volatile bool subscribed;
    private int subscribing;

    /// <summary>Both the connection and our channel subscription are up: updates from other instances arrive.</summary>
    public bool IsConnected => subscribed && redis.IsConnected;

    internal void Attach(LiveUpdates updates) => local = updates;

    public async Task PublishAsync(LiveUpdate update)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new Envelope(instanceId, update)));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable, live update {Topic} in {Region} stays on this instance: {Error}", update.Topic, update.RegionCode, ex.Message);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        await SubscribeAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        if (subscribed)
        {
            try
            {
                await redis.GetSubscriber().UnsubscribeAsync(Channel);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug("Redis unavailable while leaving the live channel: {Error}", ex.Message);
            }
        }
    }

    private async Task SubscribeAsync()
    {
        if (subscribed || Interlocked.Exchange(ref subscribing, 1) == 1)
        {
            return;
        }

        try
        {

            await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
            {
                var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
                if (envelope is not null && envelope.Origin != instanceId && local is not null)
                {
                    _ = local.DeliverLocallyAsync(envelope.Update);
                }
            });
            subscribed = true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Started while Redis is down: serve this instance alone and subscribe once the connection returns.
            logger.LogError("Redis unavailable at start ({Error}): live updates stay on this instance until it returns", ex.Message);
        }
        finally
        {
            Volatile.Write(ref subscribing, 0);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        logger.LogError("Redis connection lost ({Failure}, {Connection}): live updates stay on this instance and consoles reload from the database until it returns",
            e.FailureType, e.ConnectionType);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        logger.LogWarning("Redis connection restored ({Connection}): live updates cross instances again", e.ConnectionType);
        if (!subscribed)
        {
            _ = SubscribeAsync();
        }
    }

    private sealed record Envelope(string Origin, LiveUpdate Update);
}
