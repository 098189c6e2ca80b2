using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SmartEldercare.Platform.Live;

/// <summary>
/// Carries live updates between instances for their in-process subscribers (hub clients cross through the SignalR
/// Redis backplane). Each instance delivers its own updates locally at once and ignores its own echo. When Redis
/// is down, each instance keeps serving its own consoles; the stored feed covers what crossed nothing.
/// </summary>
public sealed class RedisLiveRelay(IConnectionMultiplexer redis, ILogger<RedisLiveRelay> logger) : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("eldercare:live");

    // Per relay, not per process: tests run two instances in one process.
    private readonly string instanceId = Guid.NewGuid().ToString("N");

    private LiveUpdates? local;

    internal void Attach(LiveUpdates updates) => local = updates;

    public async Task PublishAsync(LiveUpdate update)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new Envelope(instanceId, update)));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable, live update {Topic} stays on this instance: {Error}", update.Topic, ex.Message);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
            if (envelope is not null && envelope.Origin != instanceId && local is not null)
            {
                _ = local.DeliverLocallyAsync(envelope.Update);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);

    private sealed record Envelope(string Origin, LiveUpdate Update);
}
