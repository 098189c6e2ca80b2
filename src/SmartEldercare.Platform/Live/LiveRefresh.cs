namespace SmartEldercare.Platform.Live;

/// <summary>
/// How a page follows the live updates of its scope, in one place for every module: a push of a topic the page follows
/// makes it read its figures again from the database (the source of truth; a push only says "look again"). A burst of
/// pushes costs at most one read in flight and one after it. While pushes from other instances cannot arrive (Redis
/// down) the page reads again every few seconds, so nothing is missed. Subscribed before the first read, so nothing
/// committed in between is lost. All work runs through the page's dispatcher (<c>InvokeAsync</c>); dispose with the page.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan FallbackPeriod = TimeSpan.FromSeconds(5);

    private readonly ILiveUpdates live;
    private readonly Func<LiveUpdate, bool> follows;
    private readonly Func<Func<Task>, Task> dispatch;
    private readonly Func<Task> read;
    private readonly Action changed;
    private readonly Action<LiveUpdate>? pushed;
    private readonly IDisposable subscription;
    private readonly ITimer fallback;
    private bool reading;
    private bool readAgain;
    private bool disposed;

    private LiveRefresh(ILiveUpdates live, TimeProvider clock, string scope, Func<LiveUpdate, bool> follows, Func<Func<Task>, Task> dispatch,
        Func<Task> read, Action changed, Action<LiveUpdate>? pushed)
    {
        this.live = live;
        this.follows = follows;
        this.dispatch = dispatch;
        this.read = read;
        this.changed = changed;
        this.pushed = pushed;
        subscription = live.Subscribe(scope, OnPushAsync);
        fallback = clock.CreateTimer(_ => _ = dispatch(OnTickAsync), null, FallbackPeriod, FallbackPeriod);
    }

    /// <summary>Subscribes, then reads once (the page's first load).</summary>
    /// <param name="live">The live updates.</param>
    /// <param name="clock">For the fallback reads.</param>
    /// <param name="scope">The user's region code.</param>
    /// <param name="follows">Which pushes concern the page.</param>
    /// <param name="dispatch">The page's <c>InvokeAsync</c>.</param>
    /// <param name="read">Reads the page's data (through the mediator).</param>
    /// <param name="changed">The page's <c>StateHasChanged</c>.</param>
    /// <param name="pushed">Called on the dispatcher for each push the page follows, before the read (a notice, a sound).</param>
    public static async Task<LiveRefresh> StartAsync(ILiveUpdates live, TimeProvider clock, string scope, Func<LiveUpdate, bool> follows,
        Func<Func<Task>, Task> dispatch, Func<Task> read, Action changed, Action<LiveUpdate>? pushed = null)
    {
        var refresh = new LiveRefresh(live, clock, scope, follows, dispatch, read, changed, pushed);
        await refresh.ReadAsync();
        return refresh;
    }

    /// <summary>Topics that start with any of <paramref name="prefixes"/>.</summary>
    public static Func<LiveUpdate, bool> Topics(params string[] prefixes) =>
        update => prefixes.Any(p => update.Topic.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Reads now (after the page's own change), coalesced with any read running.</summary>
    public async Task ReadAsync()
    {
        if (reading)
        {
            readAgain = true;
            return;
        }

        reading = true;
        try
        {
            do
            {
                readAgain = false;
                await read();
            }
            while (readAgain && !disposed);
        }
        finally
        {
            reading = false;
        }
    }

    private Task OnPushAsync(LiveUpdate update) => disposed || !follows(update)
        ? Task.CompletedTask
        : dispatch(async () =>
        {
            pushed?.Invoke(update);
            await ReadAsync();
            changed();
        });

    private async Task OnTickAsync()
    {
        if (disposed || !live.IsDegraded)
        {
            return;
        }

        await ReadAsync();
        changed();
    }

    public void Dispose()
    {
        disposed = true;
        subscription.Dispose();
        fallback.Dispose();
    }
}
