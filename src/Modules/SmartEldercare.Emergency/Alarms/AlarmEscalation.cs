using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEldercare.Emergency.Devices;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>
/// The escalation ladder: an alarm unacknowledged past its deadline climbs village → street → district, with a live
/// notice at each tier. Safe with several instances: each climb is a conditional update on the alarm's concurrency
/// token, so two instances never escalate the same alarm twice (the loser skips it).
/// </summary>
public sealed class AlarmEscalation(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock, EmergencyOptions options, EmergencyMetrics metrics, ILogger<AlarmEscalation> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.UtcNow();
        List<Guid> due;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            due = await db.Set<Alarm>().Where(a => a.Status == AlarmStatus.Raised && a.EscalatesAtUtc != null && a.EscalatesAtUtc <= now)
                .OrderBy(a => a.EscalatesAtUtc).Select(a => a.Id).Take(100).ToListAsync(ct);
        }

        var climbed = 0;
        foreach (var id in due)
        {
            // One context per alarm: a lost race on one (acknowledged meanwhile, or climbed by another instance) leaves
            // the others untouched.
            await using var db = await dbs.CreateDbContextAsync(ct);
            var alarm = await db.Set<Alarm>().SingleAsync(a => a.Id == id, ct);
            if (!alarm.Escalate(now, options.EscalateAfter(alarm.Priority) ?? TimeSpan.FromMinutes(5)))
            {
                continue;
            }

            var update = AlarmLive.Update(alarm, "escalated." + alarm.Tier.ToString().ToLowerInvariant(), now);
            LiveEvent.Stage(db, update);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue;
            }

            climbed++;
            metrics.Escalated(alarm);
            logger.LogWarning("Alarm {AlarmId} ({Type}) unacknowledged: escalated to {Tier}", alarm.Id, alarm.Type, alarm.Tier);
            await live.PushAsync(update, ct);
        }

        return climbed;
    }
}

/// <summary>Devices silent for two heartbeats go offline, with a device-health alarm (one open per device).</summary>
public sealed class DeviceHealthCheck(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock, AlarmRaising raising, ILogger<DeviceHealthCheck> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.UtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var silent = await db.Set<Device>().AsNoTracking().Where(d => d.Enabled && !d.Offline && d.SilentAfterUtc < now).OrderBy(d => d.SilentAfterUtc).Take(200)
            .Select(d => new { d.Id, d.Code, d.RegionCode, d.ElderId, d.OrganisationId }).ToListAsync(ct);
        var raised = new List<(Alarm Alarm, LiveUpdate Update)>();
        var offline = new List<LiveUpdate>();
        foreach (var device in silent)
        {
            // Conditional: a device that spoke meanwhile, or one another instance already marked, is left alone.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await db.Set<Device>().Where(d => d.Id == device.Id && !d.Offline && d.SilentAfterUtc < now).ExecuteUpdateAsync(set => set.SetProperty(d => d.Offline, true), ct) == 0)
            {
                continue;
            }

            logger.LogWarning("Device {Device} silent for two heartbeats: offline", device.Code);
            // The feed row commits with the mark (and the alarm, if one is raised), or neither does.
            var marked = new LiveUpdate(LiveUpdate.NewId(), device.RegionCode, "device.offline", device.Id.ToString(), now);
            LiveEvent.Stage(db, marked);
            if (!await db.Set<Alarm>().AnyAsync(a => a.DeviceId == device.Id && a.Type == AlarmType.Offline && a.Status < AlarmStatus.Resolved, ct))
            {
                raised.Add(raising.RaiseAnnounced(db, AlarmType.Offline, AlarmSource.Device, device.RegionCode, device.ElderId, device.OrganisationId, device.Id, now, "system", null));
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            offline.Add(marked);
        }

        await live.PushAllAsync(offline, ct);

        foreach (var (alarm, update) in raised)
        {
            await raising.AnnounceAsync(alarm, update, ct);
        }

        return offline.Count;
    }
}

/// <summary>Runs the ladder every <see cref="EmergencyOptions.CheckEveryMilliseconds"/> and the heartbeat check every 20 of those.</summary>
internal sealed class EmergencyBackgroundWork(AlarmEscalation ladder, DeviceHealthCheck health, EmergencyOptions options, TimeProvider clock, ILogger<EmergencyBackgroundWork> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, options.CheckEveryMilliseconds)), clock);
        var ticks = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ladder.RunOnceAsync(stoppingToken);
                    if (ticks++ % 20 == 0)
                    {
                        await health.RunOnceAsync(stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be briefly away (or not yet migrated): the next tick tries again.
                    logger.LogError(ex, "Emergency background check failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
