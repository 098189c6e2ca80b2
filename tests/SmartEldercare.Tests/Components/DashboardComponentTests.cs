using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Dashboard.Features;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Alarms;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Components;

/// <summary>The dashboard board over the real composition root and a seeded SQLite database: prerendered, then live.</summary>
public sealed class DashboardComponentTests : IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private ComponentTestContext ctx = null!;

    public async ValueTask InitializeAsync()
    {
        ctx = await ComponentTestContext.CreateAsync(TestUsers.District, persistentState: true);
        await using var scope = ctx.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(300, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static long Value(IRenderedComponent<DashboardBoard> board, string testId) =>
        long.Parse(board.Find($"[data-testid={testId}]").GetAttribute("data-value")!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_new_alarm_moves_the_open_alarm_tile_and_its_streets_map_tile_live_and_the_map_drills_down_by_link()
    {
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var board = ctx.Render<DashboardBoard>();
        board.WaitForAssertion(() => Assert.Equal("on", board.Find("[data-testid=dashboard]").GetAttribute("data-live")), TimeSpan.FromSeconds(10));
        var active = await ctx.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(Ct);
        await using (active)
        {
            Assert.Equal(await active.Elders.CountAsync(e => e.Status == ElderStatus.Active, Ct), Value(board, "tile-elders"));
        }

        Assert.Equal(10, board.FindAll("[data-testid=map-region]").Count);
        var yangliuqing = $"[data-testid=map-region][data-code='{RegionCatalog.YangliuqingCode}']";
        Assert.Equal("/dashboard/" + RegionCatalog.YangliuqingCode, board.Find(yangliuqing).ParentElement!.GetAttribute("href"));
        var open = Value(board, "tile-alarms-open");
        var today = Value(board, "tile-alarms-today");
        var elders = Value(board, "tile-elders");

        Guid elder;
        await using (var db = await ctx.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(Ct))
        {
            elder = await db.Elders.Where(e => e.RegionCode == RegionCatalog.YinglunMingyuanCode && e.Status == ElderStatus.Active).Select(e => e.Id).FirstAsync(Ct);
        }

        Assert.True((await ctx.Send(m => m.Send(new RaiseAlarm.Command(elder, AlarmType.Sos, "bunit"), Ct))).IsSuccess);
        // The push's delta moves the open-alarm figures at once, without a query ...
        board.WaitForAssertion(() =>
        {
            Assert.Equal(open + 1, Value(board, "tile-alarms-open"));
            Assert.Equal("1", board.Find(yangliuqing).GetAttribute("data-open"));
        }, TimeSpan.FromSeconds(5));
        Assert.Equal(today, Value(board, "tile-alarms-today"));

        // ... and the emergency source is read again after the debounce, which counts today's alarms.
        ctx.Clock.Advance(TimeSpan.FromSeconds(1));
        board.WaitForAssertion(() => Assert.Equal(today + 1, Value(board, "tile-alarms-today")), TimeSpan.FromSeconds(5));
        Assert.Equal(open + 1, Value(board, "tile-alarms-open"));
        Assert.Equal(elders, Value(board, "tile-elders"));
        Assert.Equal("0", board.Find($"[data-testid=map-region][data-code='{RegionCatalog.ZhongbeiCode}']").GetAttribute("data-open"));
    }

    [Fact]
    public void Prerendered_the_board_shows_the_figures_and_keeps_them_for_the_circuit_without_subscribing()
    {
        ctx.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var kept = ctx.Services.GetRequiredService<PrerenderedDashboards>();
        var board = ctx.Render<DashboardBoard>();
        board.WaitForAssertion(() => Assert.Equal("off", board.Find("[data-testid=dashboard]").GetAttribute("data-live")), TimeSpan.FromSeconds(10));
        Assert.True(Value(board, "tile-elders") > 0);
        Assert.Equal(1, kept.Count);
    }
}
