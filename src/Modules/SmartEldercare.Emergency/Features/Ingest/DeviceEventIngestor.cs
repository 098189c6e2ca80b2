using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Emergency.Features.Ingest;

/// <summary>One event as a device reports it, already validated.</summary>
public sealed record IncomingEvent(string EventId, string Type, DateTime OccurredAtUtc, int? Battery, string? Readings);

/// <summary>What the device is told per event: a replay gets the first answer again.</summary>
public sealed record IngestResult(string EventId, bool Duplicate, Guid? AlarmId);

/// <summary>
/// Commits a device's events (all of a request in one transaction) before anything is answered, raising alarms by
/// type and updating the device's health. Idempotent on the event id: the unique index decides races, and the
/// loser re-reads and answers with the winner's result.
/// </summary>
public sealed class DeviceEventIngestor(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock, EmergencyOptions options, ILogger<DeviceEventIngestor> logger)
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "sos", "fall", "smoke", "gas", "water_leak", "inactivity", "heartbeat", "low_battery", "tamper", "test",
    };

    private const int Attempts = 3;

    public static AlarmType? AlarmFor(string type) => type switch
    {
        "sos" => AlarmType.Sos,
        "fall" => AlarmType.Fall,
        "smoke" => AlarmType.Smoke,
        "gas" => AlarmType.Gas,
        "water_leak" => AlarmType.WaterLeak,
        "inactivity" => AlarmType.Inactivity,
        "low_battery" => AlarmType.LowBattery,
        "tamper" => AlarmType.Tamper,
        _ => null,
    };

    public async Task<IReadOnlyList<IngestResult>> IngestAsync(Guid deviceId, IReadOnlyList<IncomingEvent> events, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryIngestAsync(deviceId, events, ct);
            }
            catch (DbUpdateException ex) when (attempt < Attempts)
            {
                // A concurrent request with the same event id committed first (the unique index refused ours): read
                // again, and what it stored is answered as a duplicate.
                logger.LogInformation("Device {Device} events raced another request ({Error}); retrying", deviceId, ex.GetType().Name);
            }
        }
    }

    private async Task<IReadOnlyList<IngestResult>> TryIngestAsync(Guid deviceId, IReadOnlyList<IncomingEvent> events, CancellationToken ct)
    {
        var now = clock.UtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        // What the events need, untracked and without the secret: the device's health is written by one UPDATE
        // below (last writer wins), so two requests of one device never conflict over its row.
        var device = await db.Set<Device>().AsNoTracking().Where(d => d.Id == deviceId)
            .Select(d => new { d.Code, d.RegionCode, d.ElderId, d.OrganisationId, d.HeartbeatSeconds, d.Offline, d.BatteryPercent })
            .SingleAsync(ct);
        var ids = events.Select(e => e.EventId).Distinct().ToList();
        var stored = await db.Set<DeviceEvent>().AsNoTracking().Where(e => e.DeviceId == deviceId && ids.Contains(e.EventId)).ToDictionaryAsync(e => e.EventId, StringComparer.Ordinal, ct);
        var reportsHealth = events.Any(e => AlarmFor(e.Type) is { } t && Alarm.PriorityOf(t) == AlarmPriority.DeviceHealth);
        var openHealthAlarms = reportsHealth
            ? await db.Set<Alarm>().Where(a => a.DeviceId == deviceId && a.Status < AlarmStatus.Resolved && a.Priority == AlarmPriority.DeviceHealth).Select(a => a.Type).ToListAsync(ct)
            : [];

        var results = new List<IngestResult>(events.Count);
        var raised = new List<Alarm>();
        var fresh = new Dictionary<string, DeviceEvent>(StringComparer.Ordinal);
        int? battery = null;
        var pressed = false;
        foreach (var incoming in events)
        {
            if (stored.TryGetValue(incoming.EventId, out var earlier) || fresh.TryGetValue(incoming.EventId, out earlier))
            {
                results.Add(new IngestResult(incoming.EventId, true, earlier.AlarmId));
                continue;
            }

            var row = new DeviceEvent
            {
                DeviceId = deviceId, EventId = incoming.EventId, Type = incoming.Type, OccurredAtUtc = incoming.OccurredAtUtc, ReceivedAtUtc = now,
                Readings = incoming.Readings,
            };
            var type = AlarmFor(incoming.Type);
            battery = incoming.Battery ?? (type is AlarmType.LowBattery && (battery ?? device.BatteryPercent ?? 100) >= Device.LowBatteryPercent
                ? Device.LowBatteryPercent - 1
                : battery);
            pressed |= incoming.Type is "sos" or "test";

            // One open device-health alarm per device and kind is enough; emergencies always raise.
            if (type is { } alarmType && (Alarm.PriorityOf(alarmType) != AlarmPriority.DeviceHealth || !openHealthAlarms.Contains(alarmType)))
            {
                var alarm = Alarm.Raise(alarmType, AlarmSource.Device, device.RegionCode, device.ElderId, device.OrganisationId, deviceId,
                    now, options.EscalateAfter(Alarm.PriorityOf(alarmType)), "device:" + device.Code, null);
                db.Add(alarm);
                raised.Add(alarm);
                openHealthAlarms.Add(alarmType);
                row.AlarmId = alarm.Id;
            }

            db.Add(row);
            fresh[incoming.EventId] = row;
            results.Add(new IngestResult(incoming.EventId, false, row.AlarmId));
        }

        if (fresh.Count > 0)
        {
            // Events, alarms and the device's health commit together, or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            var silentAfter = now + TimeSpan.FromSeconds(2 * device.HeartbeatSeconds);
            await db.Set<Device>().Where(d => d.Id == deviceId).ExecuteUpdateAsync(set =>
            {
                set.SetProperty(d => d.LastSeenUtc, now).SetProperty(d => d.Offline, false).SetProperty(d => d.SilentAfterUtc, silentAfter);
                if (battery is { } level)
                {
                    set.SetProperty(d => d.BatteryPercent, level);
                }

                if (pressed)
                {
                    set.SetProperty(d => d.LastPressUtc, now);
                }
            }, ct);
            await transaction.CommitAsync(ct);
        }

        var wasOffline = device.Offline;
        var updates = raised.Select(alarm => AlarmLive.Update(alarm, "raised", now, openDelta: 1, unacknowledgedDelta: 1)).ToList();
        if (wasOffline && fresh.Count > 0)
        {
            updates.Add(new LiveUpdate(Guid.CreateVersion7(), device.RegionCode, "device.online", deviceId.ToString(), now));
        }

        foreach (var update in updates)
        {
            try
            {
                await live.PublishAsync(update, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The alarm is committed; consoles reading the queue from the database still show it.
                logger.LogError(ex, "{Topic} for {Record} was committed but its live update failed", update.Topic, update.RecordId);
            }
        }

        return results;
    }
}
