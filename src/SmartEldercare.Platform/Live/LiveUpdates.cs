using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Live;

/// <summary>Something that happened in a region, for every console whose scope contains that region.</summary>
/// <param name="Id">Unique id (clients de-duplicate on it).</param>
/// <param name="RegionCode">Where it happened (a village, street or the district).</param>
/// <param name="Topic">What kind of thing, e.g. <c>elder.registered</c>; consoles localize it as <c>Live.Topic.{Topic}</c>.</param>
/// <param name="RecordId">The record it concerns, for the console's link.</param>
/// <param name="AtUtc">When it was committed.</param>
/// <param name="Counts">
/// How the change moves the consoles' counters (e.g. <c>elders.active: +1</c>), applied by every console whose scope
/// contains the region. Pushed only, not stored: a console that reloads counts from the database.
/// </param>
public sealed record LiveUpdate(Guid Id, string RegionCode, string Topic, string? RecordId, DateTime AtUtc, IReadOnlyDictionary<string, int>? Counts = null)
{
    private static readonly Lock Gate = new();
    private static Guid last;

    /// <summary>
    /// A time-ordered id that is also ordered within a millisecond on this instance (a plain version-7 id is random
    /// there), so that updates of one instant, as the two of an elder's move, keep the order they were made in, in the
    /// consoles' feed and in its newest-first reading from the database alike.
    /// </summary>
    public static Guid NewId()
    {
        var id = Guid.CreateVersion7();
        lock (Gate)
        {
            if (id.CompareTo(last) <= 0)
            {
                var bytes = last.ToByteArray(bigEndian: true);
                for (var i = bytes.Length - 1; i >= 9 && ++bytes[i] == 0; i--)
                {
                }

                id = new Guid(bytes, bigEndian: true);
            }

            last = id;
            return id;
        }
    }
}

/// <summary>
/// Fan-out of committed changes to consoles, following the region hierarchy: an update in a village reaches
/// subscribers scoped to that village, its street and the district, and nobody else. Publish only after the
/// database commit: the database stays the source of truth and a missed push is recovered by reloading.
/// </summary>
public interface ILiveUpdates
{
    /// <summary>
    /// Stores the update in the feed, then fans it out: for an alert that is its own record (staffing below the ratio,
    /// a card flag read after a payment). A change that has a record of its own stages its feed row in the same
    /// transaction instead (<see cref="LiveEvent.Stage"/>) and calls <see cref="PushAsync"/> after the commit.
    /// </summary>
    Task PublishAsync(LiveUpdate update, CancellationToken ct = default);

    /// <summary>Fans out an update whose feed row was committed with the change it reports (<see cref="LiveEvent.Stage"/>).</summary>
    Task PushAsync(LiveUpdate update, CancellationToken ct = default) => PublishAsync(update, ct);

    /// <summary>In-process subscription for a Blazor component; the callback should marshal with <c>InvokeAsync</c>. Dispose to leave.</summary>
    IDisposable Subscribe(string scope, Func<LiveUpdate, Task> callback);

    /// <summary>
    /// Updates committed on other instances are not arriving (Redis is down): consoles reload from the database
    /// every few seconds instead. Always false for a single instance.
    /// </summary>
    bool IsDegraded { get; }
}

/// <summary>Helpers over <see cref="ILiveUpdates"/>.</summary>
public static class LiveUpdatesExtensions
{
    /// <summary>After the commit: fans out, in order, the updates whose feed rows were staged with the change.</summary>
    public static async Task PushAllAsync(this ILiveUpdates live, IEnumerable<LiveUpdate> updates, CancellationToken ct)
    {
        foreach (var update in updates)
        {
            await live.PushAsync(update, ct);
        }
    }
}

/// <summary>The SignalR hub's group for a region code.</summary>
public static class LiveGroups
{
    private static readonly int[] LevelLengths = [12, 9, 6];

    public static string Of(string regionCode) => "region:" + regionCode;

    /// <summary>The region and each level above it (village → street → district): the groups an update goes to.</summary>
    public static IReadOnlyList<string> ForUpdateIn(string regionCode) =>
        [.. LevelLengths.Where(n => regionCode.Length >= n).Select(n => Of(regionCode[..n])).Distinct()];
}

public sealed class LiveUpdates : ILiveUpdates
{
    private readonly ConcurrentDictionary<Guid, (string Scope, Func<LiveUpdate, Task> Callback)> subscribers = new();
    private readonly IHubContext<LiveHub> hub;
    private readonly IDbContextFactory<Persistence.EldercareDbContext> dbs;
    private readonly ILogger<LiveUpdates> logger;
    private readonly RedisLiveRelay? relay;
    private readonly Observability.PlatformMetrics? metrics;

    public LiveUpdates(IHubContext<LiveHub> hub, IDbContextFactory<Persistence.EldercareDbContext> dbs, ILogger<LiveUpdates> logger, RedisLiveRelay? relay = null, Observability.PlatformMetrics? metrics = null)
    {
        this.metrics = metrics;
        this.hub = hub;
        this.dbs = dbs;
        this.logger = logger;
        this.relay = relay;
        relay?.Attach(this);
    }

    public bool IsDegraded => relay is { IsConnected: false };

    public async Task PublishAsync(LiveUpdate update, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Stored first: a console that missed the push (reconnect, other instance) finds it in the feed.
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            LiveEvent.Stage(db, update);
            await db.SaveChangesAsync(ct);
        }

        await FanOutAsync(update, started, ct);
    }

    public Task PushAsync(LiveUpdate update, CancellationToken ct = default) => FanOutAsync(update, System.Diagnostics.Stopwatch.GetTimestamp(), ct);

    private async Task FanOutAsync(LiveUpdate update, long started, CancellationToken ct)
    {
        await DeliverLocallyAsync(update);
        if (relay is not null)
        {
            await relay.PublishAsync(update);
        }

        try
        {
            await hub.Clients.Groups(LiveGroups.ForUpdateIn(update.RegionCode)).SendAsync("update", update, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A lost push is recovered by the consoles' reload from the database; the command already committed.
            logger.LogWarning("Live update {Topic} in {Region} could not be sent to hub clients: {Error}", update.Topic, update.RegionCode, ex.Message);
        }

        metrics?.FannedOut(System.Diagnostics.Stopwatch.GetElapsedTime(started), update.Topic);
    }

    /// <summary>To this instance's in-process subscribers whose scope contains the update's region.</summary>
    public Task DeliverLocallyAsync(LiveUpdate update)
    {
        foreach (var (_, (scope, callback)) in subscribers)
        {
            if (RegionScope.Contains(scope, update.RegionCode))
            {
                _ = Deliver(callback, update);
            }
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string scope, Func<LiveUpdate, Task> callback)
    {
        var id = Guid.NewGuid();
        subscribers[id] = (scope, callback);
        return new Subscription(() => subscribers.TryRemove(id, out _));
    }

    private async Task Deliver(Func<LiveUpdate, Task> callback, LiveUpdate update)
    {
        try
        {
            await callback(update);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A live-update subscriber failed on {Topic}", update.Topic);
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
