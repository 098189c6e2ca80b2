using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Alarms;
using SmartEldercare.Emergency.Features.Devices;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Facilities;

/// <summary>Least privilege (issue 25.3): a facility manager sees their own institution's alarms and devices, not the street's.</summary>
public sealed class FacilityManagerScopeTests
{
    [Fact]
    public async Task A_facility_manager_sees_only_their_institutions_alarms_and_devices()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var (elder, _) = await world.ElderAsync();
        var ownDevice = await world.App.As(TestUsers.District, m => m.Send(new RegisterDevice.Command("HOME-SMOKE-1", DeviceKind.SmokeSensor, null, world.Home)));
        var otherDevice = await world.App.As(TestUsers.District, m => m.Send(new RegisterDevice.Command("OTHER-SMOKE-1", DeviceKind.SmokeSensor, null, world.OtherHome)));
        var pendant = await world.App.As(TestUsers.District, m => m.Send(new RegisterDevice.Command("ELDER-SOS-1", DeviceKind.SosButton, elder, null)));
        Assert.True(ownDevice.IsSuccess && otherDevice.IsSuccess && pendant.IsSuccess, ownDevice.Message + otherDevice.Message + pendant.Message);
        var now = world.App.Clock.GetUtcNow().UtcDateTime;
        var (own, other, elders) = (
            Alarm.Raise(AlarmType.Smoke, AlarmSource.Device, RegionCatalog.YangliuqingCode, null, world.Home, ownDevice.Value!.Id, now, null, "system", null),
            Alarm.Raise(AlarmType.Smoke, AlarmSource.Device, RegionCatalog.YinglunMingyuanCode, null, world.OtherHome, otherDevice.Value!.Id, now, null, "system", null),
            Alarm.Raise(AlarmType.Sos, AlarmSource.Device, RegionCatalog.YinglunMingyuanCode, elder, null, pendant.Value!.Id, now, null, "system", null));
        await world.App.Db(db =>
        {
            db.AddRange(own, other, elders);
            return db.SaveChangesAsync();
        });

        var queue = await world.App.As(world.Manager, m => m.Send(new GetAlarmQueue.Query()));
        var devices = await world.App.As(world.Manager, m => m.Send(new ListDevices.Query()));
        var street = await world.App.As(TestUsers.Street, m => m.Send(new GetAlarmQueue.Query()));

        Assert.Equal([own.Id], queue.Select(a => a.Id));
        Assert.Equal(["HOME-SMOKE-1"], devices.Items.Select(d => d.Code));
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(world.Manager, m => m.Send(new GetAlarm.Query(elders.Id)))).Status);
        Assert.True((await world.App.As(world.Manager, m => m.Send(new GetAlarm.Query(own.Id)))).IsSuccess);
        Assert.Equal(1, await world.App.As(world.Manager, m => m.Send(new CountUnansweredAlarms.Query())));
        Assert.Equal(3, street.Count); // the street's staff still see all three
    }
}
