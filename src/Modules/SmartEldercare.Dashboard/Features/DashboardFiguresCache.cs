using System.Collections.Concurrent;
using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.Dashboard.Features;

/// <summary>
/// A source's figures of a region (and its current month's trend counters), shared by every dashboard of this instance
/// that shows them: the district's figures over 200,000 elders take a large part of a second to count, and the centre's
/// operators, its wall and the streets open the same few. Concurrent readers of the same figures share one read.
/// <para>
/// Kept only while nothing has changed them: every live update concerning a source (its topic prefixes — the same rule
/// by which an open dashboard re-reads it) makes all of that source's figures stale at once, whether it was published
/// here or relayed from another instance. While updates from other instances cannot arrive (Redis down), nothing is
/// kept (and what was kept is dropped when that is noticed). What changes with time alone (a deadline passing) — or an
/// update missed in an outage shorter than the gap between two reads — is read again after <see cref="MaxAge"/> at the latest.
/// </para>
/// </summary>
public sealed class DashboardFiguresCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly ILiveUpdates live;
    private readonly TimeProvider clock;
    private readonly IReadOnlyList<IDashboardSource> sources;
    private readonly ConcurrentDictionary<string, long> versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Source, string Region, DateOnly Day), Entry> entries = new();
    private readonly IDisposable subscription;
    private long reads;

    public DashboardFiguresCache(ILiveUpdates live, TimeProvider clock, IEnumerable<IDashboardSource> sources)
    {
        this.live = live;
        this.clock = clock;
        this.sources = [.. sources];
        subscription = live.Subscribe(string.Empty, update =>
        {
            Invalidate(update.Topic);
            return Task.CompletedTask;
        });
    }

    /// <summary>Entries kept now (one per source, region and day; earlier days' are dropped before a read).</summary>
    public int Kept => entries.Count;

    /// <summary>Reads from the database since the start (figures not served from here).</summary>
    public long Reads => Interlocked.Read(ref reads);

    public void Invalidate(string topic)
    {
        foreach (var source in sources)
        {
            if (source.TopicPrefixes.Any(p => topic.StartsWith(p, StringComparison.Ordinal)))
            {
                versions.AddOrUpdate(source.Name, 1, (_, v) => v + 1);
            }
        }
    }

    /// <summary>The source's figures inside <paramref name="region"/> and its trend counters of the current month.</summary>
    public async Task<(IReadOnlyList<RegionFigure> Figures, IReadOnlyDictionary<string, long> CurrentMonth)> ReadAsync(
        IDashboardSource source, string region, DashboardPeriod period, CancellationToken ct)
    {
        var key = (source.Name, region, period.Today);
        var version = versions.GetValueOrDefault(source.Name);
        var now = clock.UtcNow();
        if (live.IsDegraded)
        {
            // Invalidations from other instances may be missed now: nothing kept is trusted, nothing read is kept.
            entries.Clear();
            Interlocked.Increment(ref reads);
            return await ReadFromDatabaseAsync(source, region, period).WaitAsync(ct);
        }

        if (entries.TryGetValue(key, out var kept) && kept.Version == version && now - kept.ReadAtUtc < MaxAge && !kept.Read.IsFaulted
            && !kept.Read.IsCanceled)
        {
            return await kept.Read.WaitAsync(ct);
        }

        // Shared by whoever asks meanwhile, so one caller's cancellation does not cancel it for the others.
        // Before a read, not on every hit: yesterday's figures are never asked for again.
        foreach (var (old, _) in entries)
        {
            if (old.Day != period.Today)
            {
                entries.TryRemove(old, out _);
            }
        }

        Interlocked.Increment(ref reads);
        var entry = new Entry(version, now, ReadFromDatabaseAsync(source, region, period));
        entries[key] = entry;
        try
        {
            return await entry.Read.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            entries.TryRemove(new KeyValuePair<(string, string, DateOnly), Entry>(key, entry));
            throw;
        }
    }

    private static async Task<(IReadOnlyList<RegionFigure>, IReadOnlyDictionary<string, long>)> ReadFromDatabaseAsync(IDashboardSource source, string region, DashboardPeriod period)
    {
        var figures = source.FiguresAsync(region, period, CancellationToken.None);
        var month = source.MonthAsync(region, period.Month, CancellationToken.None);
        return (await figures, await month);
    }

    public void Dispose() => subscription.Dispose();

    private sealed record Entry(long Version, DateTime ReadAtUtc, Task<(IReadOnlyList<RegionFigure>, IReadOnlyDictionary<string, long>)> Read);
}
