using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Dashboard.Features;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Dashboard;

public sealed class DashboardWarmUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Warm_up_reads_every_closed_month_of_the_district_and_its_streets_and_the_dashboard_then_shows_them()
    {
        await using var app = await SliceFixture.CreateAsync();
        var period = DashboardPeriod.At(app.Clock);
        var months = DashboardPeriod.MonthsEndingWith(period.Month, GetDashboard.TrendMonths);
        // Alarms two and five months back, in two streets.
        var (twoBack, fiveBack) = (DashboardPeriod.Bounds(months[^3]).FromUtc, DashboardPeriod.Bounds(months[^6]).FromUtc);
        await app.Db(async db =>
        {
            foreach (var (village, at, count) in new[] { (RegionCatalog.YinglunMingyuanCode, twoBack, 3), (RegionCatalog.YinglunMingyuanCode, fiveBack, 2) })
            {
                for (var i = 0; i < count; i++)
                {
                    db.Add(Alarm.Raise(AlarmType.Sos, AlarmSource.Device, village, null, null, null, at.AddHours(i + 1), null, "test", null));
                }
            }

            return await db.SaveChangesAsync(Ct);
        });

        var trends = app.Services.GetRequiredService<DashboardTrendCache>();
        Assert.Equal(0, trends.Count);
        var read = await app.Services.GetRequiredService<DashboardWarmUp>().RunAsync(Ct);

        var sources = app.Services.GetServices<IDashboardSource>().Count();
        var regions = (await app.Services.GetRequiredService<RegionDirectory>().AllAsync(Ct)).Values.Count(r => r.Level is RegionLevel.District or RegionLevel.Street);
        Assert.Equal(11, regions);
        Assert.Equal(regions * sources * (GetDashboard.TrendMonths - 1), read);
        Assert.Equal(read, trends.Count);
        Assert.Equal(read, await app.Services.GetRequiredService<DashboardWarmUp>().Completed);

        // What the dashboard shows of those months is what was read, and equals the alarms raised then.
        var district = await app.As(TestUsers.District, m => m.Send(new GetDashboard.Query()));
        Assert.Equal(3, district.Value!.Trend[^3].Values[DashboardCounters.TrendAlarms]);
        Assert.Equal(2, district.Value.Trend[^6].Values[DashboardCounters.TrendAlarms]);
        var street = await app.As(TestUsers.District, m => m.Send(new GetDashboard.Query(RegionCatalog.YangliuqingCode)));
        Assert.Equal(3, street.Value!.Trend[^3].Values[DashboardCounters.TrendAlarms]);
        var other = await app.As(TestUsers.District, m => m.Send(new GetDashboard.Query(RegionCatalog.ZhongbeiCode)));
        Assert.Equal(0, other.Value!.Trend[^3].Values.GetValueOrDefault(DashboardCounters.TrendAlarms));
        Assert.Equal(read, trends.Count); // nothing read again
    }

    [Fact]
    public async Task The_app_warms_the_trends_up_after_it_has_started_when_enabled()
    {
        await using var factory = new EldercareWebFactory();
        await factory.InitializeAsync();
        await using var enabled = factory.WithWebHostBuilder(b => b.UseSetting("Dashboard:WarmUpAtStart", "true"));
        _ = enabled.Server;

        var read = await enabled.Services.GetRequiredService<DashboardWarmUp>().Completed.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.True(read > 0, $"warm-up read {read} months");
        Assert.Equal(read, enabled.Services.GetRequiredService<DashboardTrendCache>().Count);
        // Off (as in the other tests' factory): nothing is read behind their back.
        Assert.Equal(0, factory.Services.GetRequiredService<DashboardTrendCache>().Count);
    }
}
