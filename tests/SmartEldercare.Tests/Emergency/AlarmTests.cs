using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Alarms;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Emergency;

public sealed class AlarmTests
{
    private static async Task<Guid> ElderIn(SliceFixture app, string village) =>
        await app.Db(db => db.Elders.Where(e => e.RegionCode == village && e.Status == ElderStatus.Active).Select(e => e.Id).FirstAsync());

    private static async Task<Guid> RaiseAsync(SliceFixture app, string village = RegionCatalog.YinglunMingyuanCode, AlarmType type = AlarmType.Sos)
    {
        var elder = await ElderIn(app, village);
        var raised = await app.As(TestUsers.District, m => m.Send(new RaiseAlarm.Command(elder, type, "电话报警")));
        Assert.True(raised.IsSuccess, raised.Message);
        return raised.Value;
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task An_alarm_goes_from_raised_to_resolved_with_every_step_on_its_timeline(TestProvider provider)
    {
        await using var app = await SliceFixture.CreateAsync(provider);
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        var id = await RaiseAsync(app);

        Assert.Equal(ResultStatus.Conflict, (await app.As(TestUsers.Responder, m => m.Send(new ResolveAlarm.Command(id, AlarmOutcome.FalseAlarm)))).Status); // not yet answered
        Assert.True((await app.As(TestUsers.Responder, m => m.Send(new AcknowledgeAlarm.Command(id)))).IsSuccess);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await app.As(TestUsers.Responder, m => m.Send(new DispatchAlarm.Command(id)))).IsSuccess);
        app.Clock.Advance(TimeSpan.FromMinutes(8));
        Assert.True((await app.As(TestUsers.Responder, m => m.Send(new ArriveOnScene.Command(id, "已敲门")))).IsSuccess);
        Assert.Equal(ResultStatus.Invalid, (await app.As(TestUsers.Responder, m => m.Send(new ResolveAlarm.Command(id, AlarmOutcome.Other)))).Status); // Other needs a note
        Assert.True((await app.As(TestUsers.Responder, m => m.Send(new ResolveAlarm.Command(id, AlarmOutcome.SentToHospital, "120 已送医")))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await app.As(TestUsers.Responder, m => m.Send(new CancelAlarm.Command(id, "误操作")))).Status);

        var details = (await app.As(TestUsers.Street, m => m.Send(new GetAlarm.Query(id)))).Value!;
        Assert.Equal(AlarmStatus.Resolved, details.Status);
        Assert.Equal(["raised", "acknowledged", "dispatched", "onscene", "resolved"], details.Steps.Select(s => s.Action));
        Assert.Equal(["district", "responder", "responder", "responder", "responder"], details.Steps.Select(s => s.Actor));
        Assert.NotNull(details.Elder);
        Assert.Contains("*", details.Elder!.MaskedAddress, StringComparison.Ordinal);
        Assert.Empty(await app.As(TestUsers.Street, m => m.Send(new GetAlarmQueue.Query())));
    }

    [Fact]
    public async Task Of_two_people_acknowledging_at_once_one_wins_and_the_other_is_told_who()
    {
        await using var app = await SliceFixture.CreateAsync();
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        var id = await RaiseAsync(app);

        var results = await Task.WhenAll(
            app.As(TestUsers.Village, m => m.Send(new AcknowledgeAlarm.Command(id))),
            app.As(TestUsers.Responder, m => m.Send(new AcknowledgeAlarm.Command(id))));
        var winner = Assert.Single(results, r => r.IsSuccess);
        var loser = Assert.Single(results, r => !r.IsSuccess);
        Assert.Equal(ResultStatus.Conflict, loser.Status);
        var acknowledgedBy = (await app.As(TestUsers.Street, m => m.Send(new GetAlarm.Query(id)))).Value!.AcknowledgedBy!;
        Assert.Contains(acknowledgedBy, loser.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await app.As(TestUsers.Street, m => m.Send(new GetAlarm.Query(id)))).Value!.Steps.Count);
    }

    [Fact]
    public async Task An_unanswered_critical_alarm_climbs_to_the_street_after_the_SLA_and_to_the_district_after_another()
    {
        await using var app = await SliceFixture.CreateAsync();
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        var ladder = app.Services.GetRequiredService<AlarmEscalation>();
        var notices = new List<LiveUpdate>();
        using var district = app.Services.GetRequiredService<ILiveUpdates>().Subscribe(RegionCatalog.DistrictCode, u =>
        {
            notices.Add(u);
            return Task.CompletedTask;
        });
        var id = await RaiseAsync(app);
        var answered = await RaiseAsync(app, type: AlarmType.Fall);
        Assert.True((await app.As(TestUsers.Village, m => m.Send(new AcknowledgeAlarm.Command(answered)))).IsSuccess);

        app.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await ladder.RunOnceAsync(TestContext.Current.CancellationToken));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await ladder.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await ladder.RunOnceAsync(TestContext.Current.CancellationToken)); // once per tier
        Assert.Equal(AlarmTier.Street, (await app.As(TestUsers.Street, m => m.Send(new GetAlarm.Query(id)))).Value!.Tier);

        app.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await ladder.RunOnceAsync(TestContext.Current.CancellationToken));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await ladder.RunOnceAsync(TestContext.Current.CancellationToken)); // the top
        var alarm = (await app.As(TestUsers.Street, m => m.Send(new GetAlarm.Query(id)))).Value!;
        Assert.Equal(AlarmTier.District, alarm.Tier);
        Assert.Equal(["raised", "escalated.street", "escalated.district"], alarm.Steps.Select(s => s.Action));
        Assert.Equal(["alarm.escalated.street", "alarm.escalated.district"], notices.Where(n => n.RecordId == id.ToString() && n.Topic.StartsWith("alarm.escalated", StringComparison.Ordinal)).Select(n => n.Topic));
        Assert.Equal(AlarmTier.Village, (await app.As(TestUsers.Street, m => m.Send(new GetAlarm.Query(answered)))).Value!.Tier);
    }

    [Fact]
    public async Task A_zhongbei_alarm_never_reaches_yangliuqing_consoles_queues_or_pages()
    {
        await using var app = await SliceFixture.CreateAsync();
        await app.As(TestUsers.District, m => m.Send(NewElder.Command(region: RegionCatalog.XihuayuanCode)));
        var live = app.Services.GetRequiredService<ILiveUpdates>();
        var yangliuqing = new List<LiveUpdate>();
        var zhongbei = new List<LiveUpdate>();
        using var a = live.Subscribe(RegionCatalog.YangliuqingCode, u => { yangliuqing.Add(u); return Task.CompletedTask; });
        using var b = live.Subscribe(RegionCatalog.ZhongbeiCode, u => { zhongbei.Add(u); return Task.CompletedTask; });

        var id = await RaiseAsync(app, RegionCatalog.XihuayuanCode);

        Assert.Empty(yangliuqing);
        Assert.Equal("alarm.raised", Assert.Single(zhongbei).Topic);
        Assert.Empty(await app.As(TestUsers.Street, m => m.Send(new GetAlarmQueue.Query())));
        Assert.Single(await app.As(TestUsers.Street2, m => m.Send(new GetAlarmQueue.Query())));
        Assert.Equal(ResultStatus.NotFound, (await app.As(TestUsers.Responder, m => m.Send(new GetAlarm.Query(id)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await app.As(TestUsers.Responder, m => m.Send(new AcknowledgeAlarm.Command(id)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await app.As(TestUsers.Responder, m => m.Send(new RevealForAlarm.Command(id, AlarmPersonalField.Address)))).Status);
    }

    [Fact]
    public async Task A_responder_sees_the_address_of_an_open_alarm_audited_and_no_more_once_it_is_closed()
    {
        await using var app = await SliceFixture.CreateAsync();
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        var id = await RaiseAsync(app);
        var address = await app.As(TestUsers.Responder, m => m.Send(new RevealForAlarm.Command(id, AlarmPersonalField.Address)));
        Assert.StartsWith("天津市西青区", address.Value, StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Detail != null && e.Detail.Contains("for alarm " + id))));

        Assert.True((await app.As(TestUsers.Responder, m => m.Send(new CancelAlarm.Command(id, "老人误按")))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await app.As(TestUsers.Responder, m => m.Send(new RevealForAlarm.Command(id, AlarmPersonalField.Address)))).Status);
    }

    [Fact]
    public async Task A_manual_alarm_is_no_reason_for_its_raiser_to_see_the_elders_data_but_is_for_another_responder()
    {
        await using var app = await SliceFixture.CreateAsync();
        var elder = (await app.As(TestUsers.Village, m => m.Send(NewElder.Command()))).Value;
        var raised = await app.As(TestUsers.Responder, m => m.Send(new RaiseAlarm.Command(elder, AlarmType.Fall, "电话报警")));
        Assert.True(raised.IsSuccess, raised.Message);

        var own = await app.As(TestUsers.Responder, m => m.Send(new RevealForAlarm.Command(raised.Value, AlarmPersonalField.Phone)));
        var other = await app.As(TestUsers.Street, m => m.Send(new RevealForAlarm.Command(raised.Value, AlarmPersonalField.Phone)));

        Assert.Equal(ResultStatus.Conflict, own.Status);
        Assert.Null(own.Value);
        Assert.True(other.IsSuccess, other.Message);
        Assert.Equal("13812345678", other.Value);
    }

    [Fact]
    public async Task The_responder_who_took_the_alarm_sees_phone_and_address_at_once_recorded_and_nobody_else_does()
    {
        await using var app = await SliceFixture.CreateAsync();
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        var id = await RaiseAsync(app);
        Assert.Null((await app.As(TestUsers.Responder, m => m.Send(new GetAlarm.Query(id)))).Value!.Elder!.Phone); // not taken yet
        Assert.True((await app.As(TestUsers.Responder, m => m.Send(new AcknowledgeAlarm.Command(id)))).IsSuccess);
        Assert.True((await app.As(TestUsers.Responder, m => m.Send(new DispatchAlarm.Command(id)))).IsSuccess);

        var mine = (await app.As(TestUsers.Responder, m => m.Send(new GetAlarm.Query(id)))).Value!.Elder!;
        var street = (await app.As(TestUsers.Street, m => m.Send(new GetAlarm.Query(id)))).Value!.Elder!;

        Assert.Equal("13812345678", mine.Phone);
        Assert.StartsWith("天津市西青区", mine.Address, StringComparison.Ordinal);
        Assert.Equal(("138****5678", (string?)null, (string?)null), (street.MaskedPhone, street.Phone, street.Address));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "Alarms.ResponderAccess" && e.RecordId == id.ToString() && e.UserName == "responder")));

        Assert.True((await app.As(TestUsers.Responder, m => m.Send(new ResolveAlarm.Command(id, AlarmOutcome.FalseAlarm, null)))).IsSuccess);
        Assert.Null((await app.As(TestUsers.Responder, m => m.Send(new GetAlarm.Query(id)))).Value!.Elder!.Phone); // closed: masked again
    }
}

public sealed class ResponseKpiTests
{
    [Fact]
    public async Task The_month_counts_acknowledgement_within_60_and_180_seconds_medians_and_false_alarms_per_scope()
    {
        await using var app = await SliceFixture.CreateAsync();
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        await app.As(TestUsers.District, m => m.Send(NewElder.Command(region: RegionCatalog.XihuayuanCode)));
        var yinglun = await app.Db(db => db.Elders.Where(e => e.RegionCode == RegionCatalog.YinglunMingyuanCode).Select(e => e.Id).FirstAsync());
        var xihuayuan = await app.Db(db => db.Elders.Where(e => e.RegionCode == RegionCatalog.XihuayuanCode).Select(e => e.Id).FirstAsync());

        // Acknowledged after 30 s, 90 s and 200 s in 杨柳青镇, one never answered; one in 中北镇 after 10 s.
        foreach (var (elder, seconds, outcome) in new (Guid, int?, AlarmOutcome?)[] { (yinglun, 30, AlarmOutcome.FalseAlarm), (yinglun, 90, AlarmOutcome.HandledOnSite), (yinglun, 200, null), (yinglun, null, null), (xihuayuan, 10, null) })
        {
            var id = (await app.As(TestUsers.District, m => m.Send(new RaiseAlarm.Command(elder, AlarmType.Fall, null)))).Value;
            if (seconds is { } s)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(s));
                Assert.True((await app.As(TestUsers.District, m => m.Send(new AcknowledgeAlarm.Command(id)))).IsSuccess);
                if (outcome is { } o)
                {
                    Assert.True((await app.As(TestUsers.District, m => m.Send(new ResolveAlarm.Command(id, o)))).IsSuccess);
                }
            }
        }

        var now = app.Clock.GetUtcNow().AddHours(8);
        var street = await app.As(TestUsers.Street, m => m.Send(new SmartEldercare.Emergency.Features.Kpi.GetResponseKpis.Query(now.Year, now.Month)));
        Assert.Equal(4, street.Figures.Alarms);
        Assert.Equal(0.25, street.Figures.AcknowledgedWithin60s);
        Assert.Equal(0.5, street.Figures.AcknowledgedWithin180s);
        Assert.Equal(90, street.Figures.MedianSecondsToAcknowledge);
        Assert.Equal(200, street.Figures.P90SecondsToAcknowledge);
        Assert.Equal(0.5, street.Figures.FalseAlarmRate);
        Assert.Equal(4, street.ByType[AlarmType.Fall]);

        var district = await app.As(TestUsers.District, m => m.Send(new SmartEldercare.Emergency.Features.Kpi.GetResponseKpis.Query(now.Year, now.Month)));
        Assert.Equal(5, district.Figures.Alarms);
        Assert.Equal(1.0, district.SubRegions.Single(r => r.Code == RegionCatalog.ZhongbeiCode).Figures.AcknowledgedWithin60s);
        var lastMonth = now.AddMonths(-1);
        Assert.Equal(0, (await app.As(TestUsers.District, m => m.Send(new SmartEldercare.Emergency.Features.Kpi.GetResponseKpis.Query(lastMonth.Year, lastMonth.Month)))).Figures.Alarms);
    }
}

public sealed class DeviceHealthTests
{
    [Fact]
    public async Task A_device_silent_for_two_heartbeats_goes_offline_with_one_alarm_and_comes_back_with_its_next_event()
    {
        await using var app = await SliceFixture.CreateAsync();
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        var (secret, _) = await DeviceEventsTests.RegisterAsync(app.Services);
        var check = app.Services.GetRequiredService<DeviceHealthCheck>();
        var updates = new List<LiveUpdate>();
        using var street = app.Services.GetRequiredService<ILiveUpdates>().Subscribe(RegionCatalog.YangliuqingCode, u => { updates.Add(u); return Task.CompletedTask; });

        app.Clock.Advance(TimeSpan.FromSeconds(119)); // heartbeat 60 s: two missed after 120 s
        Assert.Equal(0, await check.RunOnceAsync(TestContext.Current.CancellationToken));
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await check.RunOnceAsync(TestContext.Current.CancellationToken));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await check.RunOnceAsync(TestContext.Current.CancellationToken)); // already offline: no second alarm
        Assert.Equal(1, await app.Db(db => db.Set<Alarm>().CountAsync(a => a.DeviceId == secret.Id && a.Type == AlarmType.Offline)));
        Assert.Contains(updates, u => u.Topic == "device.offline" && u.RecordId == secret.Id.ToString());
        var listed = await app.As(TestUsers.Street, m => m.Send(new SmartEldercare.Emergency.Features.Devices.ListDevices.Query(SmartEldercare.Emergency.Features.Devices.DeviceHealth.Offline)));
        Assert.Equal(secret.Code, Assert.Single(listed.Items).Code);
        Assert.Equal(1, listed.Counts[SmartEldercare.Emergency.Features.Devices.DeviceHealth.Offline]);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ingestor = scope.ServiceProvider.GetRequiredService<SmartEldercare.Emergency.Features.Ingest.DeviceEventIngestor>();
            await ingestor.IngestAsync(secret.Id, [new("hb-1", "heartbeat", app.Clock.GetUtcNow().UtcDateTime, 55, null)], TestContext.Current.CancellationToken);
        }

        Assert.Contains(updates, u => u.Topic == "device.online");
        await DeviceEventsTests.RegisterAsync(app.Services); // never heard from yet: no battery reading, still healthy
        var healthy = await app.As(TestUsers.Street, m => m.Send(new SmartEldercare.Emergency.Features.Devices.ListDevices.Query()));
        Assert.Equal(2, healthy.Counts[SmartEldercare.Emergency.Features.Devices.DeviceHealth.Ok]);
        Assert.Empty((await app.As(TestUsers.Street, m => m.Send(new SmartEldercare.Emergency.Features.Devices.ListDevices.Query(SmartEldercare.Emergency.Features.Devices.DeviceHealth.Offline)))).Items);
    }
}

public sealed class IngestProviderTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Concurrent_deliveries_of_one_event_commit_once_and_all_answer_the_same_alarm(TestProvider provider)
    {
        await using var app = await SliceFixture.CreateAsync(provider);
        await app.As(TestUsers.Village, m => m.Send(NewElder.Command()));
        var (secret, elderId) = await DeviceEventsTests.RegisterAsync(app.Services);
        var at = app.Clock.GetUtcNow().UtcDateTime;

        async Task<SmartEldercare.Emergency.Features.Ingest.IngestResult> Deliver(string eventId, string type)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var ingestor = scope.ServiceProvider.GetRequiredService<SmartEldercare.Emergency.Features.Ingest.DeviceEventIngestor>();
            return (await ingestor.IngestAsync(secret.Id, [new(eventId, type, at, null, null)], TestContext.Current.CancellationToken)).Single();
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Deliver("press-1", "sos")));
        var alarmId = Assert.Single(answers.Select(a => a.AlarmId).Distinct());
        Assert.NotNull(alarmId);
        Assert.Single(answers, a => !a.Duplicate);
        var heartbeat = await Deliver("hb-1", "heartbeat");
        Assert.Null(heartbeat.AlarmId);

        // Different events of one device at once (a gateway, a button pressed again) all land: no row conflict.
        var burst = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Deliver($"burst-{i}", i % 2 == 0 ? "fall" : "heartbeat")));
        Assert.All(burst, b => Assert.False(b.Duplicate));
        Assert.Equal(3, burst.Count(b => b.AlarmId is not null));

        // A replay of a stored event next to new ones (perhaps in one group): answered as the duplicate with its first
        // alarm; the new ones land once.
        var again = await Task.WhenAll(Deliver("press-1", "sos"), Deliver("late-1", "smoke"), Deliver("late-2", "heartbeat"));
        Assert.Equal((true, alarmId), (again[0].Duplicate, again[0].AlarmId));
        Assert.All(again[1..], a => Assert.False(a.Duplicate));
        Assert.NotNull(again[1].AlarmId);

        var alarm = await app.Db(db => db.Set<Alarm>().SingleAsync(a => a.DeviceId == secret.Id && a.Type == AlarmType.Sos));
        Assert.Equal((alarmId, elderId), (alarm.Id, alarm.ElderId!.Value));
        Assert.Equal(10, await app.Db(db => db.Set<SmartEldercare.Emergency.Devices.DeviceEvent>().CountAsync(e => e.DeviceId == secret.Id)));
        Assert.Equal(5, await app.Db(db => db.Set<Alarm>().CountAsync(a => a.DeviceId == secret.Id)));
    }
}
