using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Features.Console;

namespace SmartEldercare.Platform.Live;

/// <summary>How a console loads its scope from the database (the source of truth).</summary>
/// <param name="Feed">The newest events of the scope.</param>
/// <param name="Figures">The scope's counters, or null when the user may not see them.</param>
public sealed record ConsoleLoaders(
    Func<CancellationToken, Task<IReadOnlyList<LiveUpdate>?>> Feed,
    Func<CancellationToken, Task<ScopeOverview?>> Figures);

/// <summary>
/// A console's live state: pushes are merged into the feed and their counter deltas applied (no re-count of the
/// scope per push); the database is reloaded after a reconnect, every few seconds while updates from other
/// instances cannot arrive (Redis down), once more when they can again, at the day's turn (ages move) and every
/// few minutes as a reconciliation. All state changes run through the owner's dispatcher (a component's
/// <c>InvokeAsync</c>), so they never race the renderer.
/// </summary>
public sealed class LiveConsole : IDisposable
{
    public const int FeedSize = 30;

    private readonly ILiveUpdates live;
    private readonly TimeProvider clock;
    private readonly ILogger<LiveConsole> logger;
    private readonly TimeSpan fallbackPeriod;
    private readonly TimeSpan reconcilePeriod;

    private ConsoleLoaders? loaders;
    private Func<Func<Task>, Task> dispatch = work => work();
    private Action changed = () => { };
    private IDisposable? subscription;
    private ITimer? timer;
    private readonly List<LiveUpdate> pushedDuringReload = [];
    private bool reloading;
    private bool wasDegraded;
    private bool readAgain;
    private DateOnly loadedOn;
    private bool disposed;

    public LiveConsole(ILiveUpdates live, TimeProvider clock, IConfiguration configuration, ILogger<LiveConsole> logger)
    {
        this.live = live;
        this.clock = clock;
        this.logger = logger;
        fallbackPeriod = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Live:FallbackReloadSeconds", 5)));
        reconcilePeriod = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Live:ReconcileMinutes", 10)));
    }

    public IReadOnlyList<LiveUpdate> Feed { get; private set; } = [];

    public ScopeOverview? Figures { get; private set; }

    /// <summary>When the figures were last read from the database.</summary>
    public DateTime LoadedAtUtc { get; private set; }

    /// <summary>Pushes from other instances are not arriving; the console is reloading from the database.</summary>
    public bool Degraded => live.IsDegraded;

    /// <param name="scope">The user's region code.</param>
    /// <param name="loaders">Database reads.</param>
    /// <param name="dispatcher">Runs work on the owner's context (a component's <c>InvokeAsync</c>).</param>
    /// <param name="onChanged">Called on that context after the state changed (a component's <c>StateHasChanged</c>).</param>
    public async Task StartAsync(string scope, ConsoleLoaders loaders, Func<Func<Task>, Task> dispatcher, Action onChanged)
    {
        this.loaders = loaders;
        dispatch = dispatcher;
        changed = onChanged;
        // Subscribed before the first load, so nothing committed in between is missed.
        subscription = live.Subscribe(scope, update => dispatch(() =>
        {
            Merge(update);
            changed();
            return Task.CompletedTask;
        }));
        await ReloadAsync();
        wasDegraded = live.IsDegraded;
        timer = clock.CreateTimer(_ => _ = dispatch(TickAsync), null, fallbackPeriod, fallbackPeriod);
    }

    /// <summary>Reads feed and figures from the database (after a reconnect, a missed push, or on demand).</summary>
    public async Task ReloadAsync()
    {
        if (loaders is null || disposed)
        {
            return;
        }

        reloading = true;
        try
        {
            // Feed before figures: an event found in the feed was committed before the figures were counted, so its
            // push (if it comes after) is recognised by its id and not counted twice. A change committed between the
            // two reads would be counted and not in the feed (its push then counted again): the feed is read once more
            // after the figures, and the whole read repeated while it moved (a few times at most).
            // If the scope is so busy that three reads in a row do not agree, what was read is shown but not trusted: a
            // change may sit in the feed (so its push is skipped) without being in the figures. The next tick reads
            // again, instead of leaving the figures off until the reconciliation minutes later.
            IReadOnlyList<LiveUpdate>? feed;
            ScopeOverview? figures;
            var attempt = 0;
            while (true)
            {
                feed = await loaders.Feed(CancellationToken.None);
                figures = await loaders.Figures(CancellationToken.None);
                var after = await loaders.Feed(CancellationToken.None);
                var agreed = SameIds(feed, after);
                if (agreed || ++attempt >= 3)
                {
                    readAgain = !agreed;
                    feed = after;
                    break;
                }
            }

            Feed = Newest(pushedDuringReload.Concat(feed ?? Feed).DistinctBy(f => f.Id));
            Figures = figures;
            LoadedAtUtc = clock.GetUtcNow().UtcDateTime;
            loadedOn = clock.Today();
        }
        finally
        {
            reloading = false;
            pushedDuringReload.Clear();
        }
    }

    private void Merge(LiveUpdate update)
    {
        if (disposed || Feed.Any(f => f.Id == update.Id))
        {
            return;
        }

        Feed = Newest(Feed.Prepend(update));
        if (reloading)
        {
            // The figures being read already hold this change; the feed being read may not.
            pushedDuringReload.Add(update);
        }
        else
        {
            Figures = Figures?.With(update);
        }
    }

    private static bool SameIds(IReadOnlyList<LiveUpdate>? a, IReadOnlyList<LiveUpdate>? b) =>
        a is not null && b is not null && a.Select(u => u.Id).ToHashSet().SetEquals(b.Select(u => u.Id));

    private static List<LiveUpdate> Newest(IEnumerable<LiveUpdate> items) =>
        [.. items.OrderByDescending(f => f.AtUtc).ThenByDescending(f => f.Id).Take(FeedSize)];

    private async Task TickAsync()
    {
        if (disposed)
        {
            return;
        }

        var degraded = live.IsDegraded;
        var restored = wasDegraded && !degraded;
        wasDegraded = degraded;
        var due = degraded || restored || readAgain || clock.Today() != loadedOn || clock.GetUtcNow().UtcDateTime - LoadedAtUtc >= reconcilePeriod;
        if (!due || reloading)
        {
            return;
        }

        try
        {
            await ReloadAsync();
            changed();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick tries again; the console keeps what it shows.
            logger.LogWarning(ex, "A console could not reload its scope from the database");
        }
    }

    public void Dispose()
    {
        disposed = true;
        timer?.Dispose();
        subscription?.Dispose();
    }
}
