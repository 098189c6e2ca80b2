using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Welfare.Features.Away;
using SmartEldercare.Welfare.Features.Watch;
using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Tests.Welfare;

public sealed class WatchTests
{
    private static async Task<Guid> AloneAsync(WelfareWorld world, string name, int year = 1940)
    {
        var saved = await world.App.As(TestUsers.District, m => m.Send(NewElder.Command(name: name, birth: new DateOnly(year, 1, 1), living: LivingSituation.Alone)));
        Assert.True(saved.IsSuccess, saved.Message);
        return saved.Value;
    }

    /// <summary>A sensor bound to the elder and its events, hours ago (the emergency module's stored events, as its ingest keeps them).</summary>
    private static Task<int> Sensor(WelfareWorld world, Guid elder, DeviceKind kind, params (double HoursAgo, double? Litres)[] events) => world.App.Db(async db =>
    {
        var now = world.App.Clock.GetUtcNow().UtcDateTime;
        var device = new Device { Code = $"{kind}-{Guid.NewGuid():N}"[..30], Kind = kind, ElderId = elder, RegionCode = RegionCatalog.YinglunMingyuanCode, Secret = "s", CreatedAtUtc = now.AddDays(-30) };
        db.Add(device);
        foreach (var (hoursAgo, litres) in events)
        {
            db.Add(new DeviceEvent
            {
                DeviceId = device.Id, EventId = Guid.NewGuid().ToString("N"), Type = kind == DeviceKind.WaterMeter ? "water" : "door",
                OccurredAtUtc = now.AddHours(-hoursAgo), ReceivedAtUtc = now.AddHours(-hoursAgo),
                Readings = litres is { } l ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"litres\":{l}}}") : null,
            });
        }

        await db.SaveChangesAsync();
        return 0;
    });

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Silence_or_little_water_raises_one_welfare_check_unless_away_or_a_personal_threshold_allows_it(TestProvider provider)
    {
        await using var world = await WelfareWorld.CreateAsync(provider);
        var silent = await AloneAsync(world, "无活动");
        await Sensor(world, silent, DeviceKind.DoorSensor, (30, null));
        var dry = await AloneAsync(world, "用水少");
        await Sensor(world, dry, DeviceKind.DoorSensor, (2, null));
        await Sensor(world, dry, DeviceKind.WaterMeter, (3, 4.0), (20, 3.5), (30, 80.0)); // 7.5 L in the last 24 h
        var fine = await AloneAsync(world, "正常");
        await Sensor(world, fine, DeviceKind.MotionSensor, (1, null));
        await Sensor(world, fine, DeviceKind.WaterMeter, (5, 60.0));
        var away = await AloneAsync(world, "外出");
        await Sensor(world, away, DeviceKind.DoorSensor, (40, null));
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new RecordAway.Command(away, world.Today.AddDays(-2), null, "住女儿家")))).IsSuccess);
        var slow = await AloneAsync(world, "自设阈值");
        await Sensor(world, slow, DeviceKind.DoorSensor, (30, null));
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new SetWatchThreshold.Command(slow, 48, 0)))).IsSuccess);
        var family = await world.ElderAsync(new DateOnly(1940, 1, 1), name: "与家人同住");
        await Sensor(world, family, DeviceKind.DoorSensor, (50, null));

        Assert.Equal(2, await world.As(TestUsers.Village, m => m.Send(new RunWellbeingWatch.Command())));
        var checks = await world.As(TestUsers.Street, m => m.Send(new ListWelfareChecks.Query()));
        Assert.Equal([(silent, CheckReason.NoActivity), (dry, CheckReason.LowWater)], checks.OrderBy(c => c.Reason).Select(c => (c.ElderId, c.Reason)));
        Assert.Equal(7.5, checks.Single(c => c.ElderId == dry).WaterLitres!.Value, 3);
        Assert.Equal(0, await world.As(TestUsers.Village, m => m.Send(new RunWellbeingWatch.Command()))); // one open check per elder
        Assert.Empty(await world.As(TestUsers.Street2, m => m.Send(new ListWelfareChecks.Query())));
    }

    [Fact]
    public async Task A_check_left_undone_past_its_deadline_becomes_one_emergency_alarm_and_a_done_one_does_not()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var undone = await AloneAsync(world, "未处理");
        await Sensor(world, undone, DeviceKind.DoorSensor, (30, null));
        var visited = await AloneAsync(world, "已上门");
        await Sensor(world, visited, DeviceKind.DoorSensor, (30, null));
        await world.As(TestUsers.Village, m => m.Send(new RunWellbeingWatch.Command()));
        var checks = await world.As(TestUsers.Village, m => m.Send(new ListWelfareChecks.Query()));
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new CompleteWelfareCheck.Command(checks.Single(c => c.ElderId == visited).Id, "老人在家，一切正常")))).IsSuccess);

        var watch = world.App.Services.GetRequiredService<WellbeingWatch>();
        world.App.Clock.Advance(TimeSpan.FromHours(3.9));
        Assert.Equal(0, await watch.EscalateAsync(TestContext.Current.CancellationToken));
        world.App.Clock.Advance(TimeSpan.FromHours(0.2));
        Assert.Equal(1, await watch.EscalateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await watch.EscalateAsync(TestContext.Current.CancellationToken));

        var alarm = await world.App.Db(db => db.Set<Alarm>().SingleAsync());
        Assert.Equal((undone, AlarmType.Inactivity, RegionCatalog.YinglunMingyuanCode), (alarm.ElderId!.Value, alarm.Type, alarm.RegionCode));
        var after = await world.As(TestUsers.Village, m => m.Send(new ListWelfareChecks.Query()));
        Assert.Equal((CheckStatus.Escalated, alarm.Id), (after.Single(c => c.ElderId == undone).Status, after.Single(c => c.ElderId == undone).AlarmId!.Value));
        Assert.Equal(CheckStatus.Done, after.Single(c => c.ElderId == visited).Status);
        var late = await world.As(TestUsers.Village, m => m.Send(new CompleteWelfareCheck.Command(after.Single(c => c.ElderId == undone).Id, null)));
        Assert.Equal((ResultStatus.Conflict, "该任务已转为紧急告警"), (late.Status, late.Message));
    }

    [Fact]
    public async Task A_hospital_stay_recorded_before_the_deadline_closes_the_check_without_an_alarm()
    {
        await using var world = await WelfareWorld.CreateAsync();
        var elder = await AloneAsync(world, "住院");
        await Sensor(world, elder, DeviceKind.DoorSensor, (30, null));
        await world.As(TestUsers.Village, m => m.Send(new RunWellbeingWatch.Command()));
        Assert.True((await world.As(TestUsers.Village, m => m.Send(new SmartEldercare.HomeService.Features.Elders.RecordHospitalStay.Command(elder, world.Today.AddDays(-1), null, "急诊入院")))).IsSuccess);
        world.App.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await world.App.Services.GetRequiredService<WellbeingWatch>().EscalateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await world.App.Db(db => db.Set<Alarm>().CountAsync()));
        Assert.Equal(0, await world.As(TestUsers.Village, m => m.Send(new RunWellbeingWatch.Command())));
    }
}
