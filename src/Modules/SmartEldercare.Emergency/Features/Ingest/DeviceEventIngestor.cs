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
                // A concurrent request with the same event id (unique index) or for the same device (concurrency
                // token) committed first: read again, and what it stored is answered as a duplicate.
                logger.LogInformation("Device {Device} events raced another request ({Error}); retrying", deviceId, ex.GetType().Name);
            }
        }
    }

    private async Task<IReadOnlyList<IngestResult>> TryIngestAsync(Guid deviceId, IReadOnlyList<IncomingEvent> events, CancellationToken ct)
    {
        var now = clock.UtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var device = await db.Set<Device>().SingleAsync(d => d.Id == deviceId, ct);
        var ids = events.Select(e => e.EventId).Distinct().ToList();
        var stored = await db.Set<DeviceEvent>().AsNoTracking().Where(e => e.DeviceId == deviceId && ids.Contains(e.EventId)).ToDictionaryAsync(e => e.EventId, StringComparer.Ordinal, ct);
        var openHealthAlarms = await db.Set<Alarm>().Where(a => a.DeviceId == deviceId && a.Status < AlarmStatus.Resolved && a.Priority == AlarmPriority.DeviceHealth)
            .Select(a => a.Type).ToListAsync(ct);

        var wasOffline = device.Offline;
        var results = new List<IngestResult>(events.Count);
        var raised = new List<Alarm>();
        var fresh = new Dictionary<string, DeviceEvent>(StringComparer.Ordinal);
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
            device.SeenAt(now);
            if (incoming.Battery is { } battery)
            {
                device.BatteryPercent = battery;
            }

            if (incoming.Type is "sos" or "test")
            {
                device.LastPressUtc = now;
            }

            var type = AlarmFor(incoming.Type);
            if (type is AlarmType.LowBattery && !device.LowBattery && incoming.Battery is null)
            {
                device.BatteryPercent = Device.LowBatteryPercent - 1;
            }

            // One open device-health alarm per device and kind is enough; emergencies always raise.
            if (type is { } alarmType && (Alarm.PriorityOf(alarmType) != AlarmPriority.DeviceHealth || !openHealthAlarms.Contains(alarmType)))
            {
                var alarm = Alarm.Raise(alarmType, AlarmSource.Device, device.RegionCode, device.ElderId, device.OrganisationId, device.Id,
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
            device.Version++;
            await db.SaveChangesAsync(ct);
        }

        var updates = raised.Select(alarm => AlarmLive.Update(alarm, "raised", now, openDelta: 1, unacknowledgedDelta: 1)).ToList();
        if (wasOffline && fresh.Count > 0)
        {
            updates.Add(new LiveUpdate(Guid.CreateVersion7(), device.RegionCode, "device.online", device.Id.ToString(), now));
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
