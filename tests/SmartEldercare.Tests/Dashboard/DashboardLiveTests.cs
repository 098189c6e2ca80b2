using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartEldercare.Dashboard.Features;
using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Dashboard;

/// <summary>In-process fan-out on the region rule, without hub or database.</summary>
internal sealed class FakeLiveUpdates : ILiveUpdates
{
    private readonly List<(string Scope, Func<LiveUpdate, Task> Callback)> subscribers = [];

    public bool IsDegraded { get; set; }

    public async Task PublishAsync(LiveUpdate update, CancellationToken ct = default)
    {
        foreach (var (scope, callback) in subscribers.ToList())
        {
            if (RegionScope.Contains(scope, update.RegionCode))
            {
                await callback(update);
            }
        }
    }

    public IDisposable Subscribe(string scope, Func<LiveUpdate, Task> callback)
    {
        var entry = (scope, callback);
        subscribers.Add(entry);
        return new Leave(() => subscribers.Remove(entry));
    }

    private sealed class Leave(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}

public sealed class DashboardLiveTests
{
    private const string StreetA = "120111001";
    private const string StreetB = "120111002";
    private const string VillageA = "120111001001";
    private const string VillageB = "120111002001";

    private readonly FakeTimeProvider clock = new(SliceFixture.Now);
    private readonly FakeLiveUpdates live = new();
    private readonly Dictionary<string, int> reads = new(StringComparer.Ordinal) { ["emergency"] = 0, ["homeservice"] = 0, ["elders"] = 0 };
    private int openInDatabase = 3;
    private int fullReloads;

    private static SourceFigures Source(string name, string prefix, params RegionFigure[] figures) =>
        new(name, [prefix], figures, new Dictionary<string, long>());

    private DashboardView View() => new(
        new DashboardRegion("120111", "西青区", RegionLevel.District),
        [new DashboardRegion("120111", "西青区", RegionLevel.District)],
        [new DashboardRegion(StreetA, "A", RegionLevel.Street), new DashboardRegion(StreetB, "B", RegionLevel.Street)],
        [
            Source("emergency", "alarm.", new RegionFigure(VillageA, DashboardCounters.AlarmsOpen, 2), new RegionFigure(VillageB, DashboardCounters.AlarmsOpen, 1), new RegionFigure(VillageA, DashboardCounters.AlarmsToday, 4)),
            Source("homeservice", "homeservice.", new RegionFigure(VillageA, DashboardCounters.OrdersToday, 5)),
            Source("elders", "elder.", new RegionFigure(VillageB, DashboardCounters.EldersActive, 100)),
        ],
        [new TrendMonth(202611, new Dictionary<string, long> { [DashboardCounters.TrendAlarms] = 40 })],
        DashboardPeriod.At(clock));

    private DashboardState Start(bool readBeforeSubscribing = false)
    {
        var state = new DashboardState(live, clock, new ConfigurationBuilder().Build(), NullLogger<DashboardState>.Instance);
        state.Start(View(), new DashboardLoaders(
            _ =>
            {
                fullReloads++;
                return Task.FromResult<DashboardView?>(View());
            },
            (name, _) =>
            {
                reads[name]++;
                SourceFigures figures = name == "emergency"
                    ? new(name, ["alarm."], [new(VillageA, DashboardCounters.AlarmsOpen, openInDatabase - 1), new(VillageB, DashboardCounters.AlarmsOpen, 1), new(VillageA, DashboardCounters.AlarmsToday, 5)],
                        new Dictionary<string, long> { [DashboardCounters.TrendAlarms] = 41 })
                    : View().Sources.Single(s => s.Name == name);
                return Task.FromResult<SourceFigures?>(figures);
            }), work => work(), () => { }, readBeforeSubscribing);
        return state;
    }

    [Fact]
    public async Task Figures_carried_over_from_prerendering_are_shown_at_once_and_each_source_is_read_again_once_to_catch_what_happened_in_between()
    {
        using var state = Start(readBeforeSubscribing: true);
        Assert.Equal(3, state.Total(DashboardCounters.AlarmsOpen));
        Assert.All(reads.Values, r => Assert.Equal(0, r));

        // An alarm raised between the prerender's read and the subscription is in the database, not in the carried view.
        openInDatabase = 4;
        await live.PublishAsync(Raised(VillageB), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.All(reads.Values, r => Assert.Equal(1, r));
        Assert.Equal(0, fullReloads);
        Assert.Equal(4, state.Total(DashboardCounters.AlarmsOpen));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.All(reads.Values, r => Assert.Equal(1, r));
    }

    [Fact]
    public void A_prerendered_view_is_handed_over_once_only_to_its_user_within_a_minute_and_never_beyond_capacity()
    {
        var store = new PrerenderedDashboards(clock);
        var user = Guid.NewGuid();
        var token = store.Keep(user, View())!;
        Assert.Null(store.Take(token, Guid.NewGuid()));
        Assert.Null(store.Take(token, user));

        token = store.Keep(user, View())!;
        Assert.Equal("120111", store.Take(token, user)!.Region.Code);
        Assert.Null(store.Take(token, user));

        token = store.Keep(user, View())!;
        clock.Advance(PrerenderedDashboards.Lifetime);
        Assert.Null(store.Take(token, user));

        for (var i = 0; i < PrerenderedDashboards.Capacity; i++)
        {
            Assert.NotNull(store.Keep(user, View()));
        }

        Assert.Null(store.Keep(user, View()));
        clock.Advance(PrerenderedDashboards.Lifetime);
        Assert.NotNull(store.Keep(user, View()));
        Assert.Equal(1, store.Count);
    }

    private static LiveUpdate Raised(string village) =>
        new(Guid.CreateVersion7(), village, "alarm.raised", Guid.NewGuid().ToString(), SliceFixture.Now.UtcDateTime, new Dictionary<string, int> { [DashboardCounters.AlarmsOpen] = 1 });

    [Fact]
    public async Task A_new_alarm_moves_the_alarm_tiles_at_once_and_re_reads_only_the_emergency_source_after_the_debounce()
    {
        using var state = Start();
        Assert.Equal(3, state.Total(DashboardCounters.AlarmsOpen));

        await live.PublishAsync(Raised(VillageA), TestContext.Current.CancellationToken);

        // The pushed delta moves the open-alarms tile and its street at once, before any query.
        Assert.Equal(4, state.Total(DashboardCounters.AlarmsOpen));
        Assert.Equal(3, state.Of(StreetA, DashboardCounters.AlarmsOpen));
        Assert.Equal(1, state.Of(StreetB, DashboardCounters.AlarmsOpen));
        Assert.All(reads.Values, r => Assert.Equal(0, r));

        openInDatabase = 4;
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(1, reads["emergency"]);
        Assert.Equal(0, reads["homeservice"]);
        Assert.Equal(0, reads["elders"]);
        Assert.Equal(0, fullReloads);
        Assert.Equal(4, state.Total(DashboardCounters.AlarmsOpen));
        Assert.Equal(5, state.Total(DashboardCounters.AlarmsToday));
        Assert.Equal(41, state.View!.Trend[^1].Values[DashboardCounters.TrendAlarms]);
        // The other tiles kept their figures.
        Assert.Equal(5, state.Total(DashboardCounters.OrdersToday));
        Assert.Equal(100, state.Total(DashboardCounters.EldersActive));
    }

    [Fact]
    public async Task A_burst_of_updates_is_one_read_and_other_topics_re_read_only_their_source()
    {
        using var state = Start();
        for (var i = 0; i < 20; i++)
        {
            await live.PublishAsync(Raised(i % 2 == 0 ? VillageA : VillageB), TestContext.Current.CancellationToken);
        }

        await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), VillageA, "homeservice.dispatched", null, SliceFixture.Now.UtcDateTime), TestContext.Current.CancellationToken);
        await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), VillageA, "healthlink.death", null, SliceFixture.Now.UtcDateTime), TestContext.Current.CancellationToken);
        Assert.Equal(23, state.Total(DashboardCounters.AlarmsOpen));
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(1, reads["emergency"]);
        Assert.Equal(1, reads["homeservice"]);
        Assert.Equal(0, reads["elders"]);
        Assert.Equal(0, fullReloads);

        // Nothing more happens without new pushes, until the reconciliation.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, reads["emergency"]);
        Assert.Equal(0, fullReloads);
    }

    [Fact]
    public async Task During_a_storm_of_updates_the_source_is_read_at_most_once_a_second_and_again_just_after_the_last_update()
    {
        using var state = Start();
        var readsAt = new List<TimeSpan>();
        var started = clock.GetUtcNow();
        var previous = 0;

        // 50 alarms a second for ten seconds.
        for (var i = 0; i < 500; i++)
        {
            openInDatabase++; // committed, then pushed
            await live.PublishAsync(Raised(i % 2 == 0 ? VillageA : VillageB), TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromMilliseconds(20));
            if (reads["emergency"] > previous)
            {
                previous = reads["emergency"];
                readsAt.Add(clock.GetUtcNow() - started);
            }
        }

        // The tiles moved by every delta, without a read per push.
        Assert.Equal(503, state.Total(DashboardCounters.AlarmsOpen));
        Assert.InRange(readsAt.Count, 9, 11);
        Assert.All(readsAt.Zip(readsAt.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"reads at {pair.First} and {pair.Second}"));

        // The last pushes are read within a second and a quarter of the last one, and then nothing more is read.
        clock.Advance(TimeSpan.FromMilliseconds(1250));
        Assert.Equal(readsAt.Count + 1, reads["emergency"]);
        Assert.Equal(503, state.Total(DashboardCounters.AlarmsOpen));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(readsAt.Count + 1, reads["emergency"]);
    }

    [Fact]
    public void While_pushes_cannot_arrive_the_dashboard_reloads_every_few_seconds_and_stops_after_its_disposal()
    {
        var state = Start();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, fullReloads);

        live.IsDegraded = true;
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, fullReloads);
        Assert.True(state.Degraded);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, fullReloads);

        state.Dispose();
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(2, fullReloads);
    }

    [Fact]
    public async Task Updates_outside_the_region_shown_do_not_reach_it()
    {
        using var state = new DashboardState(live, clock, new ConfigurationBuilder().Build(), NullLogger<DashboardState>.Instance);
        var street = View() with { Region = new DashboardRegion(StreetA, "A", RegionLevel.Street), SubRegions = [new DashboardRegion(VillageA, "a", RegionLevel.Village)] };
        state.Start(street, new DashboardLoaders(_ => Task.FromResult<DashboardView?>(null), (name, _) =>
        {
            reads[name]++;
            return Task.FromResult<SourceFigures?>(null);
        }), work => work(), () => { });

        await live.PublishAsync(Raised(VillageB), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(0, reads["emergency"]);
    }
}
