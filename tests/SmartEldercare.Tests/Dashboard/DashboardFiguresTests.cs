using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEldercare.Dashboard.Features;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Features.Board;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.HomeService;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Social.Volunteers;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Allowance;
using SmartEldercare.Welfare.Features.Visits;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Tests.Dashboard;

public sealed class DashboardFiguresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every per-region counter (the trend counters are per month, not per region).</summary>
    private static readonly string[] Counters = [.. typeof(DashboardCounters).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !f.Name.StartsWith("Trend", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Concat(Enum.GetValues<ElderTag>().Select(DashboardCounters.EldersTag))];

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task District_equals_the_sum_of_its_streets_and_villages_and_each_figure_equals_a_direct_count(TestProvider provider)
    {
        await using var app = await SliceFixture.CreateAsync(provider);
        await SeedAsync(app);

        var district = await ViewOf(app, null);
        Assert.Equal(RegionLevel.District, district.View!.Region.Level);
        Assert.Equal(10, district.View.SubRegions.Count);
        var villages = (await app.Db(db => db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village).Select(r => r.Code).ToListAsync(Ct))).ToList();
        foreach (var counter in Counters)
        {
            var total = district.Total(counter);
            Assert.True(total == district.View.SubRegions.Sum(s => district.Of(s.Code, counter)) + district.Direct(counter), $"{counter}: district ≠ Σ streets");
        }

        // Each street read on its own: equal to its share of the district, and to the sum of its villages (plus records kept at street level).
        foreach (var street in district.View.SubRegions)
        {
            var view = await ViewOf(app, street.Code);
            foreach (var counter in Counters)
            {
                Assert.True(view.Total(counter) == district.Of(street.Code, counter), $"{counter} in {street.Name}: street view ≠ its share of the district");
                Assert.True(view.Total(counter) == view.View!.SubRegions.Sum(v => view.Of(v.Code, counter)) + view.Direct(counter), $"{counter} in {street.Name}: street ≠ Σ villages");
            }
        }

        foreach (var counter in Counters)
        {
            var streetDirect = district.View.SubRegions.Sum(s => district.Of(s.Code, counter) - villages.Where(v => v.StartsWith(s.Code, StringComparison.Ordinal)).Sum(v => district.Of(v, counter)));
            Assert.True(district.Total(counter) == villages.Sum(v => district.Of(v, counter)) + streetDirect + district.Direct(counter), $"{counter}: district ≠ Σ villages");
        }

        // A village read on its own equals its share of the street.
        var village = await ViewOf(app, RegionCatalog.YinglunMingyuanCode);
        var yangliuqing = await ViewOf(app, RegionCatalog.YangliuqingCode);
        Assert.Empty(village.View!.SubRegions);
        Assert.All(Counters, c => Assert.Equal(yangliuqing.Of(RegionCatalog.YinglunMingyuanCode, c), village.Total(c)));

        await AssertEqualsDirectCountsAsync(app, district);
    }

    private static async Task AssertEqualsDirectCountsAsync(SliceFixture app, DashboardState district)
    {
        var period = DashboardPeriod.At(app.Clock);
        var now = period.NowUtc;
        var elders = await app.Db(db => db.Elders.AsNoTracking().Where(e => e.Status == ElderStatus.Active).Select(e => new { e.BirthDate, e.KeyGroups }).ToListAsync(Ct));
        Assert.NotEmpty(elders);
        Assert.Equal(elders.Count, district.Total(DashboardCounters.EldersActive));
        Assert.Equal(elders.Count(e => e.BirthDate <= period.Today.AddYears(-70)), district.Total(DashboardCounters.EldersAged70));
        Assert.Equal(elders.Count(e => e.BirthDate <= period.Today.AddYears(-90)), district.Total(DashboardCounters.EldersAged90));
        Assert.Equal(elders.Count(e => e.KeyGroups.HasFlag(KeyGroups.LivingAlone)), district.Total(DashboardCounters.EldersTag(ElderTag.LivingAlone)));
        Assert.Equal(elders.Count(e => e.BirthDate <= period.Today.AddYears(-80)), district.Total(DashboardCounters.EldersTag(ElderTag.VeryOld)));

        var alarms = await app.Db(db => db.Set<Alarm>().AsNoTracking().ToListAsync(Ct));
        Assert.Equal(alarms.Count(a => a.RaisedAtUtc >= period.TodayStartUtc), district.Total(DashboardCounters.AlarmsToday));
        Assert.Equal(alarms.Count(a => a.IsOpen), district.Total(DashboardCounters.AlarmsOpen));
        var answerable = alarms.Where(a => a.RaisedAtUtc >= period.MonthStartUtc && a.Priority != AlarmPriority.DeviceHealth && (a.Status != AlarmStatus.Cancelled || a.AcknowledgedAtUtc is not null)).ToList();
        Assert.Equal(answerable.Count, district.Total(DashboardCounters.AlarmsAnswerableMonth));
        Assert.Equal(answerable.Count(a => a.AcknowledgedAtUtc is { } at && (at - a.RaisedAtUtc).TotalSeconds <= 60), district.Total(DashboardCounters.AlarmsAckedWithin60sMonth));
        Assert.InRange(district.Total(DashboardCounters.AlarmsAckedWithin60sMonth), 1, district.Total(DashboardCounters.AlarmsAnswerableMonth) - 1);
        Assert.Equal(alarms.Count(a => a.RaisedAtUtc >= period.MonthStartUtc), district.View!.Trend[^1].Values[DashboardCounters.TrendAlarms]);
        var (lastFrom, lastTo) = DashboardPeriod.Bounds(district.View.Trend[^2].Month);
        Assert.Equal(alarms.Count(a => a.RaisedAtUtc >= lastFrom && a.RaisedAtUtc < lastTo), district.View.Trend[^2].Values[DashboardCounters.TrendAlarms]);

        var late = app.Services.GetRequiredService<HomeServiceOptions>().LateAfterMinutes;
        var orders = await app.Db(db => db.Set<ServiceOrder>().AsNoTracking().ToListAsync(Ct));
        Assert.Equal(orders.Count(o => o.ServiceDate == period.Today && o.Status != OrderStatus.Cancelled), district.Total(DashboardCounters.OrdersToday));
        var due = orders.Where(o => o.Month == period.Month && o.Status is OrderStatus.CheckedIn or OrderStatus.CheckedOut or OrderStatus.Verified or OrderStatus.Missed).ToList();
        Assert.Equal(due.Count, district.Total(DashboardCounters.OrdersDueMonth));
        Assert.Equal(due.Count(o => o.CheckedInAtUtc is { } at && at <= o.WindowStartUtc.AddMinutes(late)), district.Total(DashboardCounters.OrdersOnTimeMonth));

        var beds = await app.Db(db => db.Set<Bed>().AsNoTracking().ToListAsync(Ct));
        Assert.Equal(beds.Count, district.Total(DashboardCounters.Beds));
        Assert.Equal(beds.Count(b => b.ResidentElderId is not null), district.Total(DashboardCounters.BedsOccupied));
        var hazards = await app.Db(db => db.Set<Hazard>().AsNoTracking().ToListAsync(Ct));
        Assert.Equal(hazards.Count(h => h.Status != HazardStatus.Verified && h.DeadlineUtc < now), district.Total(DashboardCounters.HazardsOverdue));
        var board = await app.As(TestUsers.District, m => m.Send(new GetSupervisionBoard.Query(), Ct));
        Assert.Equal(board.StaffingBelow, district.Total(DashboardCounters.StaffingBelow));
        Assert.Equal(board.OverdueHazards, district.Total(DashboardCounters.HazardsOverdue));

        var (first, last) = (DashboardPeriod.FirstDay(period.Month), DashboardPeriod.FirstDay(period.Month).AddMonths(1).AddDays(-1));
        var visits = await app.Db(db => db.Set<Visit>().AsNoTracking().ToListAsync(Ct));
        Assert.Equal(visits.Count(v => v.DueDate >= first && v.DueDate <= last), district.Total(DashboardCounters.VisitsDueMonth));
        Assert.Equal(visits.Count(v => v.DueDate >= first && v.DueDate <= last && v.Status == VisitStatus.Done), district.Total(DashboardCounters.VisitsDoneMonth));
        Assert.Equal(await app.As(TestUsers.District, m => m.Send(new CountOverdueVisits.Query(), Ct)), district.Total(DashboardCounters.VisitsOverdue));

        var lists = await app.Db(db => db.Set<AllowanceList>().AsNoTracking().Where(l => l.Month == period.Month).ToListAsync(Ct));
        Assert.Equal(lists.Sum(l => l.Total), district.Total(DashboardCounters.AllowanceFenMonth));
        var service = await app.Db(db => db.Set<ServiceRecord>().AsNoTracking().ToListAsync(Ct));
        Assert.Equal(service.Where(r => r.Status == ServiceStatus.Confirmed && r.StartUtc >= period.MonthStartUtc).Sum(r => (long)r.Minutes), district.Total(DashboardCounters.VolunteerMinutesMonth));
    }

    [Fact]
    public async Task A_street_user_cannot_open_another_streets_dashboard_nor_a_village_user_the_district()
    {
        await using var app = await SliceFixture.CreateAsync();
        await SeedAsync(app, elders: 200);

        var refused = await app.As(TestUsers.Street2, m => m.Send(new GetDashboard.Query(RegionCatalog.YangliuqingCode), Ct));
        Assert.Equal(ResultStatus.Forbidden, refused.Status);
        Assert.Null(refused.Value);
        var intoVillage = await app.As(TestUsers.Street2, m => m.Send(new GetDashboard.Query(RegionCatalog.YinglunMingyuanCode), Ct));
        Assert.Equal(ResultStatus.Forbidden, intoVillage.Status);
        var source = await app.As(TestUsers.Street2, m => m.Send(new GetDashboardSource.Query(RegionCatalog.YangliuqingCode, "emergency"), Ct));
        Assert.Equal(ResultStatus.Forbidden, source.Status);
        Assert.Null(source.Value);
        var up = await app.As(TestUsers.Village, m => m.Send(new GetDashboard.Query(RegionCatalog.DistrictCode), Ct));
        Assert.Equal(ResultStatus.Forbidden, up.Status);

        var own = await app.As(TestUsers.Street, m => m.Send(new GetDashboard.Query(), Ct));
        Assert.Equal(RegionCatalog.YangliuqingCode, own.Value!.Region.Code);
        var down = await app.As(TestUsers.Street, m => m.Send(new GetDashboard.Query(RegionCatalog.YinglunMingyuanCode), Ct));
        Assert.Equal([RegionCatalog.YangliuqingCode, RegionCatalog.YinglunMingyuanCode], down.Value!.Path.Select(p => p.Code));
        var unknown = await app.As(TestUsers.Street, m => m.Send(new GetDashboard.Query(RegionCatalog.YangliuqingCode + "999"), Ct));
        Assert.Equal(ResultStatus.NotFound, unknown.Status);
    }

    private static async Task<DashboardState> ViewOf(SliceFixture app, string? code)
    {
        var result = await app.As(TestUsers.District, m => m.Send(new GetDashboard.Query(code), Ct));
        Assert.True(result.IsSuccess, result.Message);
        var state = new DashboardState(new FakeLiveUpdates(), app.Clock, new ConfigurationBuilder().Build(), NullLogger<DashboardState>.Instance);
        state.Start(result.Value!, new DashboardLoaders(_ => Task.FromResult<DashboardView?>(null), (_, _) => Task.FromResult<SourceFigures?>(null)), work => work(), () => { });
        return state;
    }

    /// <summary>The demo data of the platform and every module, and alarms across villages over two months in every state.</summary>
    private static async Task SeedAsync(SliceFixture app, int elders = 1500)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(elders, Ct);
            foreach (var module in scope.ServiceProvider.GetServices<IModuleDemoData>())
            {
                await module.SeedAsync(Ct);
            }
        }

        var now = app.Clock.UtcNow();
        var villages = await app.Db(db => db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(Ct));
        await app.Db(async db =>
        {
            for (var i = 0; i < 90; i++)
            {
                var raised = now.AddHours(-i * 9.5);
                var alarm = Alarm.Raise(i % 5 == 0 ? AlarmType.LowBattery : AlarmType.Sos, AlarmSource.Device, villages[i * 7 % villages.Count], null, null, null, raised, null, "test", null);
                if (i % 3 != 2)
                {
                    alarm.Acknowledge("test", raised.AddSeconds(i % 3 == 0 ? 30 : 120));
                    if (i % 4 == 0)
                    {
                        alarm.Resolve(AlarmOutcome.HandledOnSite, "test", raised.AddMinutes(20));
                    }
                }
                else if (i % 4 == 1)
                {
                    alarm.Cancel("test", raised.AddMinutes(1), "test");
                }

                db.Add(alarm);
            }

            return await db.SaveChangesAsync(Ct);
        });
    }
}
