using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.Dashboard.Features;

/// <summary>How a dashboard reads from the database: everything, or one source.</summary>
public sealed record DashboardLoaders(
    Func<CancellationToken, Task<DashboardView?>> All,
    Func<string, CancellationToken, Task<SourceFigures?>> Source);

/// <summary>
/// A dashboard's live figures. A push whose topic concerns a source applies its counter deltas at once (the tiles move
/// without a query) and marks that source to be read again; a burst is debounced into one read per source, and under a
/// sustained stream of pushes (an alarm storm) reads follow each other no more often than once a second
/// (<c>Dashboard:MinReadIntervalMilliseconds</c>): the tiles keep moving by their deltas meanwhile. Sources a
/// push does not concern are never re-read. While pushes from other instances cannot arrive (Redis down) every source
/// is reloaded every few seconds; also at the day's turn and every few minutes as a reconciliation. All state changes
/// run through the owner's dispatcher (a component's <c>InvokeAsync</c>).
/// </summary>
public sealed class DashboardState : IDisposable
{
    private readonly ILiveUpdates live;
    private readonly TimeProvider clock;
    private readonly ILogger<DashboardState> logger;
    private readonly TimeSpan debounce;
    private readonly TimeSpan minReadInterval;
    private readonly TimeSpan fallbackPeriod;
    private readonly TimeSpan reconcilePeriod;
    private readonly HashSet<string> dirty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RegionFigure>> figures = new(StringComparer.Ordinal);

    private DashboardLoaders? loaders;
    private Func<Func<Task>, Task> dispatch = work => work();
    private Action changed = () => { };
    private IDisposable? subscription;
    private ITimer? poll;
    private ITimer? pending;
    private bool flushing;
    private bool wasDegraded;
    private DateTime loadedAtUtc;
    private DateTime lastReadStartedUtc = DateTime.MinValue;
    private bool disposed;

    public DashboardState(ILiveUpdates live, TimeProvider clock, IConfiguration configuration, ILogger<DashboardState> logger)
    {
        this.live = live;
        this.clock = clock;
        this.logger = logger;
        debounce = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Dashboard:DebounceMilliseconds", 250), 0, 5000));
        minReadInterval = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Dashboard:MinReadIntervalMilliseconds", 1000), 0, 10_000));
        fallbackPeriod = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Live:FallbackReloadSeconds", 5)));
        reconcilePeriod = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Live:ReconcileMinutes", 10)));
    }

    public DashboardView? View { get; private set; }

    /// <summary>Pushes from other instances are not arriving; the dashboard is reloading from the database.</summary>
    public bool Degraded => live.IsDegraded;

    /// <summary>When a source was last read from the database.</summary>
    public DateTime UpdatedAtUtc { get; private set; }

    /// <param name="view">The first read (the page already has it).</param>
    /// <param name="loaders">Database reads.</param>
    /// <param name="dispatcher">Runs work on the owner's context (a component's <c>InvokeAsync</c>).</param>
    /// <param name="onChanged">Called on that context after the figures changed.</param>
    /// <param name="readBeforeSubscribing">
    /// The view was read before this state could subscribe (carried over from prerendering): a push in between would be
    /// missed, so every source is read again after the debounce.
    /// </param>
    public void Start(DashboardView view, DashboardLoaders loaders, Func<Func<Task>, Task> dispatcher, Action onChanged, bool readBeforeSubscribing = false)
    {
        // Started again for another region (a drill-down): the previous region's subscription and timers go.
        subscription?.Dispose();
        poll?.Dispose();
        pending?.Dispose();
        pending = null;
        dirty.Clear();
        this.loaders = loaders;
        dispatch = dispatcher;
        changed = onChanged;
        Load(view);
        subscription = live.Subscribe(view.Region.Code, update => dispatch(() =>
        {
            Apply(update);
            return Task.CompletedTask;
        }));
        wasDegraded = live.IsDegraded;
        poll = clock.CreateTimer(_ => _ = dispatch(TickAsync), null, fallbackPeriod, fallbackPeriod);
        if (readBeforeSubscribing)
        {
            foreach (var source in view.Sources)
            {
                dirty.Add(source.Name);
            }

            Schedule();
        }
    }

    /// <summary>Shows <paramref name="view"/> without subscribing or reading again (prerendering: the circuit that follows does).</summary>
    public void Show(DashboardView view) => Load(view);

    /// <summary>A counter summed over the region shown.</summary>
    public long Total(string counter) => Sum(counter, null);

    /// <summary>A counter summed over the records of <paramref name="regionCode"/> and below.</summary>
    public long Of(string regionCode, string counter) => Sum(counter, regionCode);

    /// <summary>A counter of the records kept at the shown region's own level (not in any sub-region).</summary>
    public long Direct(string counter)
    {
        if (View is not { } view)
        {
            return 0;
        }

        var childLength = view.SubRegions.Count > 0 ? view.SubRegions[0].Code.Length : int.MaxValue;
        return figures.Values.SelectMany(f => f).Where(f => f.Counter == counter && f.RegionCode.Length < childLength).Sum(f => f.Value);
    }

    private long Sum(string counter, string? regionCode) =>
        figures.Values.SelectMany(f => f).Where(f => f.Counter == counter && (regionCode is null || RegionScope.Contains(regionCode, f.RegionCode))).Sum(f => f.Value);

    private void Load(DashboardView view)
    {
        View = view;
        figures.Clear();
        foreach (var source in view.Sources)
        {
            figures[source.Name] = [.. source.Figures];
        }

        loadedAtUtc = UpdatedAtUtc = clock.UtcNow();
    }

    /// <summary>A push: its deltas now, a read of the sources it concerns after the debounce.</summary>
    internal void Apply(LiveUpdate update)
    {
        if (disposed || View is not { } view)
        {
            return;
        }

        var concerned = view.Sources.Where(s => s.TopicPrefixes.Any(p => update.Topic.StartsWith(p, StringComparison.Ordinal))).ToList();
        if (concerned.Count == 0)
        {
            return;
        }

        if (update.Counts is { Count: > 0 } counts)
        {
            var owner = concerned[0].Name;
            figures[owner].AddRange(counts.Select(c => new RegionFigure(update.RegionCode, c.Key, c.Value)));
            changed();
        }

        foreach (var source in concerned)
        {
            dirty.Add(source.Name);
        }

        Schedule();
    }

    private void Schedule()
    {
        if (pending is not null || flushing || disposed)
        {
            return;
        }

        // The debounce after a quiet spell; during a stream, no sooner than the minimum interval after the last read began.
        var sinceLastRead = clock.GetUtcNow().UtcDateTime - lastReadStartedUtc;
        var delay = sinceLastRead >= minReadInterval ? debounce : TimeSpan.FromTicks(Math.Max(debounce.Ticks, (minReadInterval - sinceLastRead).Ticks));
        pending = clock.CreateTimer(_ => _ = dispatch(FlushAsync), null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Reads the sources marked since the last read, one query set each; pushes during the read mark them again.</summary>
    internal async Task FlushAsync()
    {
        pending?.Dispose();
        pending = null;
        if (disposed || loaders is null || View is not { } view || dirty.Count == 0)
        {
            return;
        }

        var names = dirty.ToList();
        dirty.Clear();
        flushing = true;
        lastReadStartedUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            var reads = await Task.WhenAll(names.Select(n => loaders.Source(n, CancellationToken.None)));
            if (!ReferenceEquals(View, view) && View?.Region.Code != view.Region.Code)
            {
                return; // drilled elsewhere meanwhile
            }

            view = View ?? view;
            var sources = view.Sources.ToList();
            var current = view.Trend.Count > 0 ? view.Trend[^1].Values.ToDictionary(StringComparer.Ordinal) : [];
            foreach (var read in reads.OfType<SourceFigures>())
            {
                figures[read.Name] = [.. read.Figures];
                var index = sources.FindIndex(s => s.Name == read.Name);
                if (index >= 0)
                {
                    sources[index] = read;
                }

                foreach (var (counter, value) in read.CurrentMonth)
                {
                    current[counter] = value;
                }
            }

            var trend = view.Trend.Count > 0 ? [.. view.Trend.Take(view.Trend.Count - 1), view.Trend[^1] with { Values = current }] : view.Trend;
            View = view with { Sources = sources, Trend = trend };
            UpdatedAtUtc = clock.UtcNow();
            changed();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept as shown; the next push, poll or reconciliation reads again.
            logger.LogWarning(ex, "A dashboard could not read its sources again");
            foreach (var name in names)
            {
                dirty.Add(name);
            }
        }
        finally
        {
            flushing = false;
        }

        if (dirty.Count > 0)
        {
            Schedule();
        }
    }

    /// <summary>Everything again (degraded, restored, the day's turn, reconciliation).</summary>
    public async Task ReloadAllAsync()
    {
        if (loaders is null || disposed)
        {
            return;
        }

        if (await loaders.All(CancellationToken.None) is { } view)
        {
            Load(view);
            dirty.Clear();
            changed();
        }
    }

    private async Task TickAsync()
    {
        if (disposed)
        {
            return;
        }

        var degraded = live.IsDegraded;
        var restored = wasDegraded && !degraded;
        wasDegraded = degraded;
        var due = degraded || restored || clock.Today() != View?.Period.Today || clock.UtcNow() - loadedAtUtc >= reconcilePeriod;
        if (!due || flushing)
        {
            return;
        }

        try
        {
            await ReloadAllAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "A dashboard could not reload from the database");
        }
    }

    public void Dispose()
    {
        disposed = true;
        poll?.Dispose();
        pending?.Dispose();
        subscription?.Dispose();
    }
}
