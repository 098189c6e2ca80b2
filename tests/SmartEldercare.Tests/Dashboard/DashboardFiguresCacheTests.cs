using Microsoft.Extensions.Time.Testing;
using SmartEldercare.Dashboard.Features;
using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Live;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Dashboard;

public sealed class DashboardFiguresCacheTests
{
    private const string Village = "120111001001";

    private readonly FakeTimeProvider clock = new(SliceFixture.Now);
    private readonly FakeLiveUpdates live = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Counts its reads; its figure is the number of the read, so a stale answer shows.</summary>
    private sealed class CountingSource(string name, string prefix) : IDashboardSource
    {
        public int Reads;
        public TaskCompletionSource? Gate;

        public string Name => name;

        public IReadOnlyList<string> TopicPrefixes => [prefix];

        public async Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct)
        {
            var read = Interlocked.Increment(ref Reads);
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            return [new RegionFigure(Village, DashboardCounters.AlarmsOpen, read)];
        }

        public Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long> { [DashboardCounters.TrendAlarms] = Reads });
    }

    private static LiveUpdate Update(string topic) => new(Guid.CreateVersion7(), Village, topic, null, SliceFixture.Now.UtcDateTime);

    private static long Value((IReadOnlyList<RegionFigure> Figures, IReadOnlyDictionary<string, long> CurrentMonth) read) => read.Figures.Single().Value;

    [Fact]
    public async Task Figures_are_shared_until_an_update_concerns_their_source_or_they_are_a_minute_old()
    {
        var alarms = new CountingSource("emergency", "alarm.");
        var orders = new CountingSource("homeservice", "homeservice.");
        using var cache = new DashboardFiguresCache(live, clock, [alarms, orders]);
        var period = DashboardPeriod.At(clock);

        Assert.Equal(1, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
        Assert.Equal(1, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
        Assert.Equal(2, Value(await cache.ReadAsync(alarms, "120111001", period, Ct))); // another region is its own read
        Assert.Equal(1, Value(await cache.ReadAsync(orders, "120111", period, Ct)));

        // An alarm changes the emergency figures everywhere, not the home-service ones.
        await live.PublishAsync(Update("alarm.raised"), Ct);
        Assert.Equal(3, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
        Assert.Equal(4, Value(await cache.ReadAsync(alarms, "120111001", period, Ct)));
        Assert.Equal(1, Value(await cache.ReadAsync(orders, "120111", period, Ct)));
        Assert.Equal(3, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));

        // Time alone (a deadline passing) changes some figures: a minute at most.
        clock.Advance(DashboardFiguresCache.MaxAge);
        Assert.Equal(5, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
        Assert.Equal(2, Value(await cache.ReadAsync(orders, "120111", period, Ct)));
        Assert.Equal(7, cache.Reads);
    }

    [Fact]
    public async Task At_midnight_in_Shanghai_the_new_day_is_read_afresh_and_the_days_before_are_dropped()
    {
        var alarms = new CountingSource("emergency", "alarm.");
        using var cache = new DashboardFiguresCache(live, clock, [alarms]);
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 15, 59, 30, TimeSpan.Zero)); // 23:59:30 in Shanghai
        var evening = DashboardPeriod.At(clock);
        Assert.Equal(1, Value(await cache.ReadAsync(alarms, "120111", evening, Ct)));
        Assert.Equal(2, Value(await cache.ReadAsync(alarms, "120111001", evening, Ct)));
        Assert.Equal(2, cache.Kept);

        // 40 s later (well within the minute a figure may be kept) it is the 29th: "today" starts again.
        clock.Advance(TimeSpan.FromSeconds(40));
        var morning = DashboardPeriod.At(clock);
        Assert.NotEqual(evening.Today, morning.Today);
        Assert.Equal(3, Value(await cache.ReadAsync(alarms, "120111", morning, Ct)));
        Assert.Equal(1, cache.Kept);
        Assert.Equal(3, Value(await cache.ReadAsync(alarms, "120111", morning, Ct)));
    }

    [Fact]
    public async Task Nothing_is_kept_while_updates_from_other_instances_cannot_arrive()
    {
        var alarms = new CountingSource("emergency", "alarm.");
        using var cache = new DashboardFiguresCache(live, clock, [alarms]);
        var period = DashboardPeriod.At(clock);
        Assert.Equal(1, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));

        live.IsDegraded = true;
        Assert.Equal(2, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
        Assert.Equal(3, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));

        // Back: what was kept before the outage is not trusted (an update may have been missed meanwhile).
        live.IsDegraded = false;
        Assert.Equal(4, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
        Assert.Equal(4, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
    }

    [Fact]
    public async Task Dashboards_asking_at_the_same_moment_share_one_read_and_an_update_during_it_is_not_lost()
    {
        var alarms = new CountingSource("emergency", "alarm.") { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var cache = new DashboardFiguresCache(live, clock, [alarms]);
        var period = DashboardPeriod.At(clock);
        var first = cache.ReadAsync(alarms, "120111", period, Ct);
        var second = cache.ReadAsync(alarms, "120111", period, Ct);
        Assert.Equal(1, alarms.Reads);

        // An alarm committed while the read runs: that read may or may not count it, so it is not kept for later readers.
        await live.PublishAsync(Update("alarm.raised"), Ct);
        alarms.Gate.SetResult();
        Assert.Equal(1, Value(await first));
        Assert.Equal(1, Value(await second));
        Assert.Equal(2, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
        Assert.Equal(2, Value(await cache.ReadAsync(alarms, "120111", period, Ct)));
    }
}
