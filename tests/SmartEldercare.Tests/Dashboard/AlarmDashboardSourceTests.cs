using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Platform.Seeding;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Dashboard;

/// <summary>
/// The emergency figures are read as the month's days before today (kept) plus today (read each time): a storm of new
/// alarms never re-reads the earlier days, any other alarm change does, and the figures always equal a direct count.
/// </summary>
public sealed class AlarmDashboardSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task New_alarms_are_counted_without_re_reading_earlier_days_and_a_cancellation_re_reads_them(TestProvider provider)
    {
        await using var app = await SliceFixture.CreateAsync(provider);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(50, Ct);
        }

        var source = app.Services.GetServices<IDashboardSource>().OfType<AlarmDashboardSource>().Single();
        var live = app.Services.GetRequiredService<ILiveUpdates>();
        var village = RegionCatalog.YinglunMingyuanCode;
        var now = app.Clock.UtcNow();
        var period = DashboardPeriod.At(app.Clock);
        Assert.True(period.TodayStartUtc > period.MonthStartUtc, "the fixture's day is not the first of its month");

        // Three alarms on earlier days of the month (one never answered), one acknowledged in time today.
        var yesterday = period.TodayStartUtc.AddHours(-3);
        var unanswered = Alarm.Raise(AlarmType.Sos, AlarmSource.Device, village, null, null, null, yesterday, null, "test", null);
        var answered = Alarm.Raise(AlarmType.Fall, AlarmSource.Device, village, null, null, null, yesterday.AddMinutes(5), null, "test", null);
        answered.Acknowledge("test", yesterday.AddMinutes(5).AddSeconds(20));
        var older = Alarm.Raise(AlarmType.Sos, AlarmSource.Device, RegionCatalog.YangliuqingCode + "002", null, null, null, period.MonthStartUtc.AddHours(1), null, "test", null);
        var todays = Alarm.Raise(AlarmType.Sos, AlarmSource.Device, village, null, null, null, now.AddMinutes(-30), null, "test", null);
        todays.Acknowledge("test", now.AddMinutes(-30).AddSeconds(10));
        await app.Db(async db =>
        {
            db.AddRange(unanswered, answered, older, todays);
            return await db.SaveChangesAsync(Ct);
        });

        var reads = source.MonthReads;
        await AssertEqualsDirectCountAsync(app, source, RegionCatalog.DistrictCode);
        await AssertEqualsDirectCountAsync(app, source, RegionCatalog.YangliuqingCode);
        Assert.Equal(reads + 2, source.MonthReads); // one read of the earlier days per scope

        // A storm of new alarms: today's part moves, the earlier days are not read again.
        for (var i = 0; i < 5; i++)
        {
            var raised = Alarm.Raise(AlarmType.Sos, AlarmSource.Device, village, null, null, null, now, null, "test", null);
            await app.Db(async db =>
            {
                db.Add(raised);
                return await db.SaveChangesAsync(Ct);
            });
            await live.PublishAsync(AlarmLive.Update(raised, "raised", now, openDelta: 1), Ct);
            await live.PublishAsync(AlarmLive.Update(raised, "escalated.street", now), Ct);
            await AssertEqualsDirectCountAsync(app, source, RegionCatalog.DistrictCode);
        }

        Assert.Equal(reads + 2, source.MonthReads);

        // Yesterday's unanswered alarm cancelled today: it leaves the month's answerable alarms, which only a re-read knows.
        await app.Db(async db =>
        {
            var alarm = await db.Set<Alarm>().SingleAsync(a => a.Id == unanswered.Id, Ct);
            alarm.Cancel("test", now, "test");
            return await db.SaveChangesAsync(Ct);
        });
        await live.PublishAsync(AlarmLive.Update(unanswered, "cancelled", now, openDelta: -1), Ct);
        await AssertEqualsDirectCountAsync(app, source, RegionCatalog.DistrictCode);
        Assert.Equal(reads + 3, source.MonthReads);
    }

    /// <summary>The source's figures and current month against a count of the alarms table in <paramref name="scope"/>.</summary>
    private static async Task AssertEqualsDirectCountAsync(SliceFixture app, AlarmDashboardSource source, string scope)
    {
        var period = DashboardPeriod.At(app.Clock);
        var figures = await source.FiguresAsync(scope, period, Ct);
        var month = await source.MonthAsync(scope, period.Month, Ct);
        var alarms = (await app.Db(db => db.Set<Alarm>().AsNoTracking().ToListAsync(Ct))).Where(a => RegionScope.Contains(scope, a.RegionCode)).ToList();
        long Sum(string counter) => figures.Where(f => f.Counter == counter).Sum(f => f.Value);

        var answerable = alarms.Where(a => a.RaisedAtUtc >= period.MonthStartUtc && a.Priority != AlarmPriority.DeviceHealth && (a.Status != AlarmStatus.Cancelled || a.AcknowledgedAtUtc is not null)).ToList();
        Assert.Equal(alarms.Count(a => a.RaisedAtUtc >= period.TodayStartUtc), Sum(DashboardCounters.AlarmsToday));
        Assert.Equal(alarms.Count(a => a.IsOpen), Sum(DashboardCounters.AlarmsOpen));
        Assert.Equal(answerable.Count, Sum(DashboardCounters.AlarmsAnswerableMonth));
        Assert.Equal(answerable.Count(a => a.AcknowledgedAtUtc is { } at && (at - a.RaisedAtUtc).TotalSeconds <= 60), Sum(DashboardCounters.AlarmsAckedWithin60sMonth));
        Assert.Equal(alarms.Count(a => a.RaisedAtUtc >= period.MonthStartUtc), month[DashboardCounters.TrendAlarms]);
    }
}
