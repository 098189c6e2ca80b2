using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Console;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Live;

public sealed class LiveConsoleTests
{
    /// <summary>A console on a slice fixture, its loaders counted, its dispatcher awaiting what timers start.</summary>
    private sealed class Console : IDisposable
    {
        private readonly List<Task> dispatched = [];

        public Console(SliceFixture app, ClaimsPrincipal user, ILiveUpdates? live = null, ConsoleLoaders? loaders = null)
        {
            State = new LiveConsole(live ?? app.Services.GetRequiredService<ILiveUpdates>(), app.Clock, new ConfigurationBuilder().Build(), NullLogger<LiveConsole>.Instance);
            Loaders = loaders ?? new ConsoleLoaders(
                async ct =>
                {
                    FeedLoads++;
                    return await app.As(user, m => m.Send(new GetLiveFeed.Query(LiveConsole.FeedSize), ct));
                },
                async ct =>
                {
                    FigureLoads++;
                    return await app.As(user, m => m.Send(new GetScopeOverview.Query(), ct));
                });
            Scope = user.FindFirst(SmartEldercare.Platform.Identity.EldercareClaims.Region)!.Value;
        }

        public LiveConsole State { get; }

        public ConsoleLoaders Loaders { get; }

        public string Scope { get; }

        public int FeedLoads { get; private set; }

        public int FigureLoads { get; private set; }

        public Task StartAsync() => State.StartAsync(Scope, Loaders, Dispatch, () => { });

        public async Task SettledAsync()
        {
            Task[] pending;
            lock (dispatched)
            {
                pending = [.. dispatched];
            }

            await Task.WhenAll(pending);
        }

        private Task Dispatch(Func<Task> work)
        {
            var task = work();
            lock (dispatched)
            {
                dispatched.Add(task);
            }

            return task;
        }

        public void Dispose() => State.Dispose();
    }

    /// <summary>The link to other instances, switchable: while down, pushes are lost and the console is told so.</summary>
    private sealed class SwitchableLink(ILiveUpdates inner) : ILiveUpdates
    {
        public bool Down { get; set; }

        public bool IsDegraded => Down;

        public Task PublishAsync(LiveUpdate update, CancellationToken ct = default) => inner.PublishAsync(update, ct);

        public IDisposable Subscribe(string scope, Func<LiveUpdate, Task> callback) =>
            inner.Subscribe(scope, update => Down ? Task.CompletedTask : callback(update));
    }

    private static void AssertSameFigures(ScopeOverview expected, ScopeOverview actual)
    {
        Assert.Equal((expected.ActiveElders, expected.Aged80, expected.Aged90, expected.Aged100), (actual.ActiveElders, actual.Aged80, actual.Aged90, actual.Aged100));
        Assert.Equal(expected.ByTag.OrderBy(t => t.Key), actual.ByTag.OrderBy(t => t.Key));
        Assert.Equal(expected.SubRegions, actual.SubRegions);
    }

    [Fact]
    public async Task Pushed_deltas_keep_district_and_street_figures_equal_to_a_fresh_count_without_reloading()
    {
        await using var app = await SliceFixture.CreateAsync();
        using var district = new Console(app, TestUsers.District);
        using var street = new Console(app, TestUsers.Street);
        await district.StartAsync();
        await street.StartAsync();
        var before = district.State.Figures!;

        // Registered 85 and alone; registered 70 elsewhere; moved with a new living situation; died.
        var alone = NewElder.Command(birth: new DateOnly(1941, 5, 1), living: LivingSituation.Alone);
        alone.Id = (await app.As(TestUsers.Street, m => m.Send(alone))).Value;
        var younger = NewElder.Command(birth: new DateOnly(1956, 1, 1), region: TestUsers.YangliuqingVillage2);
        var youngerId = (await app.As(TestUsers.Street, m => m.Send(younger))).Value;
        alone.RegionCode = TestUsers.YangliuqingVillage2;
        alone.LivingSituation = LivingSituation.WithFamily;
        Assert.True((await app.As(TestUsers.Street, m => m.Send(alone))).IsSuccess);
        Assert.True((await app.As(TestUsers.Street, m => m.Send(new ChangeElderStatus.Command { Id = youngerId, Status = ElderStatus.Deceased, Date = new DateOnly(2026, 11, 27) }))).IsSuccess);

        Assert.Equal(before.ActiveElders + 1, district.State.Figures!.ActiveElders);
        AssertSameFigures(await app.As(TestUsers.District, m => m.Send(new GetScopeOverview.Query())), district.State.Figures!);
        AssertSameFigures(await app.As(TestUsers.Street, m => m.Send(new GetScopeOverview.Query())), street.State.Figures!);
        Assert.Equal((1, 1), (district.FigureLoads, street.FigureLoads)); // counted once at the start, then only deltas

        // The move shows in both villages' feed lines; the street console's feed is newest first.
        Assert.Equal(["elder.status.deceased", "elder.updated", "elder.left", "elder.registered", "elder.registered"], street.State.Feed.Select(f => f.Topic));
        Assert.Equal(RegionCatalog.YinglunMingyuanCode, street.State.Feed.Single(f => f.Topic == "elder.left").RegionCode);
    }

    [Fact]
    public async Task While_the_link_is_down_the_console_reloads_every_few_seconds_and_once_more_when_it_returns()
    {
        await using var app = await SliceFixture.CreateAsync();
        var link = new SwitchableLink(app.Services.GetRequiredService<ILiveUpdates>());
        using var console = new Console(app, TestUsers.District, link);
        await console.StartAsync();
        var active = console.State.Figures!.ActiveElders;

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await console.SettledAsync();
        Assert.Equal(1, console.FigureLoads); // healthy: no polling

        link.Down = true;
        var id = (await app.As(TestUsers.Village, m => m.Send(NewElder.Command()))).Value;
        Assert.DoesNotContain(console.State.Feed, f => f.RecordId == id.ToString()); // the push was lost
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await console.SettledAsync();
        Assert.Contains(console.State.Feed, f => f.RecordId == id.ToString());
        Assert.Equal(active + 1, console.State.Figures!.ActiveElders);
        Assert.True(console.State.Degraded);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await console.SettledAsync();
        Assert.Equal(3, console.FigureLoads);

        link.Down = false;
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await console.SettledAsync();
        Assert.Equal(4, console.FigureLoads); // the reload after the link returned
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await console.SettledAsync();
        Assert.Equal(4, console.FigureLoads); // and then pushes again, no polling
        Assert.False(console.State.Degraded);
    }

    [Fact]
    public async Task A_reload_whose_reads_never_agree_is_read_again_at_the_next_tick_not_minutes_later()
    {
        await using var app = await SliceFixture.CreateAsync();
        var busy = true;
        var figureLoads = 0;
        // A busy scope: every read of the feed finds a newer event, so the feed and the figures never agree.
        var loaders = new ConsoleLoaders(
            async ct =>
            {
                var feed = await app.As(TestUsers.District, m => m.Send(new GetLiveFeed.Query(LiveConsole.FeedSize), ct));
                return busy ? [.. feed, new LiveUpdate(Guid.CreateVersion7(), RegionCatalog.DistrictCode, "test.busy", "x", app.Clock.GetUtcNow().UtcDateTime)] : feed;
            },
            async ct =>
            {
                figureLoads++;
                return await app.As(TestUsers.District, m => m.Send(new GetScopeOverview.Query(), ct));
            });
        using var console = new Console(app, TestUsers.District, loaders: loaders);
        await console.StartAsync();
        Assert.Equal(3, figureLoads); // three tries, none agreeing: shown, but not trusted

        busy = false;
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await console.SettledAsync();
        Assert.Equal(4, figureLoads); // read again at the next tick, though the link is healthy

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await console.SettledAsync();
        Assert.Equal(4, figureLoads); // agreed: back to pushes, no polling
    }

    [Fact]
    public void Counter_deltas_follow_the_consoles_age_rule_and_split_a_move_into_leaving_and_arriving()
    {
        var today = new DateOnly(2026, 11, 28);
        var ninety = new ElderFigures(RegionCatalog.YinglunMingyuanCode, true, today.AddYears(-90), KeyGroups.LivingAlone);
        var all = ElderCounters.Of(ninety, today);
        Assert.Equal(1, all[ElderCounters.Aged90]);
        Assert.Equal(1, all[ElderCounters.Tag(ElderTag.VeryOld)]);
        Assert.False(all.ContainsKey(ElderCounters.Aged100));
        Assert.Empty(ElderCounters.Of(ninety with { Active = false }, today));

        var died = Assert.Single(ElderCounters.Between(ninety, ninety with { Active = false }, today));
        Assert.Equal(-1, died.Deltas[ElderCounters.Active]);
        Assert.Empty(Assert.Single(ElderCounters.Between(ninety, ninety, today)).Deltas);

        var moved = ElderCounters.Between(ninety, ninety with { RegionCode = TestUsers.YangliuqingVillage2 }, today);
        Assert.Equal([(RegionCatalog.YinglunMingyuanCode, -1), (TestUsers.YangliuqingVillage2, 1)], moved.Select(m => (m.RegionCode, m.Deltas[ElderCounters.Active])));
    }
}
