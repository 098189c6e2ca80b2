using System.Linq.Expressions;
using Microsoft.Extensions.Logging;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;

namespace SmartEldercare.Emergency.Features.Ingest;

/// <summary>One event as a device reports it, already validated.</summary>
public sealed record IncomingEvent(string EventId, string Type, DateTime OccurredAtUtc, int? Battery, string? Readings);

/// <summary>What the device is told per event: a replay gets the first answer again.</summary>
public sealed record IngestResult(string EventId, bool Duplicate, Guid? AlarmId);

/// <summary>
/// Commits devices' events before anything is answered, raising alarms by type and updating each device's health.
/// <para>
/// <b>Group commit.</b> Requests queue their events; whoever holds the writer's turn commits everything queued so far
/// (several requests, several devices) in one transaction, and each request is answered after the transaction that
/// holds its events committed. One alone is committed at once; under load the queue fills while a commit runs, so
/// the per-transaction cost (round trips, the log flush) is shared instead of paid per event.
/// </para>
/// <para>
/// <b>Idempotent on the event id</b> (per device): a replay gets the first answer again. The unique index decides
/// races (another instance, or a replay in flight); a group that loses one is committed again request by request, and
/// the loser re-reads and answers with the winner's result.
/// </para>
/// <para>
/// <b>Two round trips</b> per group besides the commit: one read (the devices, each with those of the group's events it
/// has stored already: an index range per device), and one batch (events, alarms, and each device's health).
/// </para>
/// </summary>
public sealed class DeviceEventIngestor(IDbContextFactory<EldercareDbContext> dbs, ILiveUpdates live, TimeProvider clock, EmergencyOptions options, EmergencyMetrics metrics, AlarmRaising raising, ILogger<DeviceEventIngestor> logger) : IDisposable
{
    private const int Attempts = 3;

    private readonly GroupCommitQueue<PendingIngest> queue = new(options.IngestWriters, p => p.Done.Task.IsCompleted,
        (group, next) => group.Sum(g => g.Events.Count) + next.Events.Count <= options.IngestMaxEventsPerCommit);
    private long commits;


    /// <summary>
    /// Commits the events of one request and answers one result per event, in order. Throws what the database threw
    /// when the events could not be committed (nothing of them is stored then).
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(Guid deviceId, IReadOnlyList<IncomingEvent> events, CancellationToken ct) =>
        (await EnqueueAsync(new PendingIngest(deviceId, null, events)))!;

    /// <summary>
    /// As <see cref="IngestAsync"/>, for a request signed with the credentials the device had at
    /// <see cref="AuthenticatedDevice.Version"/>: null, with nothing stored, when at the commit the device is disabled
    /// or its version moved (rotated, disabled, re-bound since) — its signature must be checked again.
    /// </summary>
    public Task<IReadOnlyList<IngestResult>?> IngestSignedAsync(AuthenticatedDevice device, IReadOnlyList<IncomingEvent> events, CancellationToken ct) =>
        EnqueueAsync(new PendingIngest(device.Id, device.Version, events));

    private async Task<IReadOnlyList<IngestResult>?> EnqueueAsync(PendingIngest mine)
    {
        var deviceId = mine.DeviceId;
        // Not cancellable from here on: the events are queued and someone commits them; a caller that went away
        // finds them stored when it retries.
        await queue.EnqueueAsync(mine, CommitGroupAsync);

        var outcome = await mine.Done.Task;
        if (outcome.Results is null)
        {
            return null;
        }

        foreach (var raised in outcome.Results.Where(r => r is { Duplicate: false, AlarmId: not null }))
        {
            // Ids only (no personal data): with the request's scope (RequestId, TraceId) this links a device's request to its alarm.
            logger.LogInformation("Alarm {AlarmId} raised by event {EventId} of device {DeviceId}", raised.AlarmId, raised.EventId, deviceId);
        }

        foreach (var update in outcome.Updates)
        {
            try
            {
                await live.PushAsync(update, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The alarm is committed; consoles reading the queue from the database still show it.
                logger.LogError(ex, "{Topic} for {Record} was committed but its live update failed", update.Topic, update.RecordId);
            }
        }

        return outcome.Results;
    }

    /// <summary>Commits running now (each holds the writer's turn).</summary>
    public int Writing => queue.Writing;

    /// <summary>Requests waiting for a commit.</summary>
    public int Queued => queue.Queued;

    /// <summary>Transactions committed with at least one new event since the start.</summary>
    public long Commits => Interlocked.Read(ref commits);

    public void Dispose() => queue.Dispose();

    private async Task CommitGroupAsync(List<PendingIngest> group)
    {
        if (group.Count == 0)
        {
            return;
        }

        if (group.Count == 1)
        {
            // Alone, a lost unique-index race (another instance stored the same event first) is retried and answered
            // as the duplicate it is.
            await CommitAloneAsync(group[0]);
            return;
        }

        try
        {
            var outcomes = await TryCommitAsync(group);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(outcomes[i]);
            }

            return;
        }
        catch (DbUpdateException ex)
        {
            // One of them raced a request elsewhere with the same event id, or a device's version moved: commit them one
            // by one, so only that one retries and the others are not held back by it.
            logger.LogInformation("A group of {Count} device requests raced another writer ({Error}); committing them one by one", group.Count, ex.GetType().Name);
        }
        catch (Exception ex)
        {
            Fail(group, ex);
            return;
        }

        foreach (var one in group)
        {
            await CommitAloneAsync(one);
        }
    }

    private async Task CommitAloneAsync(PendingIngest one)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                one.Done.TrySetResult((await TryCommitAsync([one]))[0]);
                return;
            }
            catch (DbUpdateException ex) when (attempt < Attempts)
            {
                // A concurrent request with the same event id committed first (the unique index refused ours), or the
                // device's version moved: read again, and what the other stored is answered as a duplicate.
                logger.LogInformation("Device {Device} events raced another request ({Error}); retrying", one.DeviceId, ex.GetType().Name);
            }
            catch (Exception ex)
            {
                Fail([one], ex);
                return;
            }
        }
    }

    private static void Fail(IEnumerable<PendingIngest> group, Exception ex)
    {
        foreach (var one in group)
        {
            one.Done.TrySetException(ex);
        }
    }

    private async Task<Outcome[]> TryCommitAsync(IReadOnlyList<PendingIngest> group)
    {
        var now = clock.UtcNow();
        await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
        var deviceIds = group.Select(g => g.DeviceId).Distinct().ToList();
        // One round trip: what the events need of each device, untracked and without the secret, and which of the
        // group's events it has stored already (a replay). Each device's health is written below in the same batch as
        // the events, as an update of the changed columns checked against the version read here.
        var rows = await db.Set<Device>().AsNoTracking().Where(d => deviceIds.Contains(d.Id))
            .Select(d => new ReadRow
            {
                Id = d.Id, Code = d.Code, RegionCode = d.RegionCode, ElderId = d.ElderId, OrganisationId = d.OrganisationId, HeartbeatSeconds = d.HeartbeatSeconds,
                Offline = d.Offline, BatteryPercent = d.BatteryPercent, Enabled = d.Enabled, Version = d.Version, EventId = null, AlarmId = null,
            })
            .Concat(db.Set<DeviceEvent>().AsNoTracking().Where(StoredIn(group)).Select(e => new ReadRow
            {
                Id = e.DeviceId, Code = null, RegionCode = null, ElderId = null, OrganisationId = null, HeartbeatSeconds = 0,
                Offline = false, BatteryPercent = null, Enabled = false, Version = 0, EventId = e.EventId, AlarmId = e.AlarmId,
            }))
            .ToListAsync();
        var devices = new Dictionary<Guid, DeviceState>();
        var stored = new Dictionary<(Guid DeviceId, string EventId), Guid?>();
        foreach (var d in rows)
        {
            if (d.EventId is not null)
            {
                stored[(d.Id, d.EventId)] = d.AlarmId;
            }
            else
            {
                devices[d.Id] = new DeviceState(d.Id, d.Code!, d.RegionCode!, d.ElderId, d.OrganisationId, d.HeartbeatSeconds, d.Offline, d.BatteryPercent, d.Enabled, d.Version);
            }
        }

        var healthDevices = group.Where(g => g.Events.Any(e => DeviceEventTypes.AlarmFor(e.Type) is { } t && Alarm.PriorityOf(t) == AlarmPriority.DeviceHealth)).Select(g => g.DeviceId).Distinct().ToList();
        var openHealthAlarms = healthDevices.Count > 0
            ? (await db.Set<Alarm>().Where(a => a.DeviceId != null && healthDevices.Contains(a.DeviceId.Value) && a.Status < AlarmStatus.Resolved && a.Priority == AlarmPriority.DeviceHealth)
                .Select(a => new { DeviceId = a.DeviceId!.Value, a.Type }).ToListAsync()).Select(a => (a.DeviceId, a.Type)).ToHashSet()
            : [];

        var outcomes = new Outcome[group.Count];
        var fresh = new Dictionary<(Guid, string), Guid?>();
        var raised = new List<Alarm>();
        var freshTypes = new List<string>();
        var replays = 0;
        foreach (var (one, index) in group.Select((g, i) => (g, i)))
        {
            var device = devices.GetValueOrDefault(one.DeviceId);
            if (one.Version is { } version && (device is null || !device.Enabled || device.Version != version))
            {
                // Signed with credentials that no longer hold: nothing of it is stored, the signature is checked again.
                outcomes[index] = Outcome.Refused;
                continue;
            }

            if (device is null)
            {
                throw new InvalidOperationException($"Device {one.DeviceId} is not registered.");
            }

            var results = new List<IngestResult>(one.Events.Count);
            var updates = new List<LiveUpdate>();
            foreach (var incoming in one.Events)
            {
                var key = (one.DeviceId, incoming.EventId);
                if (stored.TryGetValue(key, out var earlierAlarm) || fresh.TryGetValue(key, out earlierAlarm))
                {
                    results.Add(new IngestResult(incoming.EventId, true, earlierAlarm));
                    replays++;
                    continue;
                }

                var row = new DeviceEvent
                {
                    DeviceId = one.DeviceId, EventId = incoming.EventId, Type = incoming.Type, OccurredAtUtc = incoming.OccurredAtUtc, ReceivedAtUtc = now,
                    Readings = incoming.Readings,
                };
                var type = DeviceEventTypes.AlarmFor(incoming.Type);
                device.Battery = incoming.Battery ?? (type is AlarmType.LowBattery && (device.Battery ?? 100) >= Device.LowBatteryPercent
                    ? Device.LowBatteryPercent - 1
                    : device.Battery);
                device.BatteryReported |= incoming.Battery is not null || type is AlarmType.LowBattery;
                device.Pressed |= incoming.Type is "sos" or "test";
                device.Touched = true;

                // One open device-health alarm per device and kind is enough; emergencies always raise.
                if (type is { } alarmType && (Alarm.PriorityOf(alarmType) != AlarmPriority.DeviceHealth || openHealthAlarms.Add((one.DeviceId, alarmType))))
                {
                    var alarm = raising.Raise(db, alarmType, AlarmSource.Device, device.RegionCode, device.ElderId, device.OrganisationId, one.DeviceId,
                        now, "device:" + device.Code, null);
                    raised.Add(alarm);
                    updates.Add(AlarmRaising.Update(alarm, now));
                    row.AlarmId = alarm.Id;
                }

                db.Add(row);
                freshTypes.Add(incoming.Type);
                fresh[key] = row.AlarmId;
                results.Add(new IngestResult(incoming.EventId, false, row.AlarmId));
            }

            if (device.Offline && device.Touched && !device.AnnouncedOnline)
            {
                updates.Add(new LiveUpdate(LiveUpdate.NewId(), device.RegionCode, "device.online", one.DeviceId.ToString(), now));
                device.AnnouncedOnline = true;
            }

            // The feed rows commit with the events and alarms they report.
            updates.ForEach(u => LiveEvent.Stage(db, u));
            outcomes[index] = new Outcome(results, updates);
        }

        var touched = devices.Values.Where(d => d.Touched).ToList();
        if (touched.Count > 0)
        {
            // Each touched device's health, written as an UPDATE of only the columns that changed, in the same batch as
            // the events and alarms: one round trip for the whole group, not one per device. The update names the
            // version read above (the concurrency token), so a device rotated, disabled or re-bound meanwhile fails the
            // group instead of taking events under its old binding; it is then committed again, read afresh. Health
            // never bumps the version, so two writers touching one device do not conflict (last writer wins).
            foreach (var device in touched)
            {
                var entry = db.Attach(new Device { Id = device.Id, Version = device.Version });
                entry.Entity.LastSeenUtc = now;
                entry.Entity.Offline = false;
                entry.Entity.SilentAfterUtc = now + TimeSpan.FromSeconds(2 * device.HeartbeatSeconds);
                entry.Property(d => d.LastSeenUtc).IsModified = true;
                entry.Property(d => d.Offline).IsModified = true;
                entry.Property(d => d.SilentAfterUtc).IsModified = true;
                if (device.BatteryChanged)
                {
                    entry.Entity.BatteryPercent = device.Battery;
                    entry.Property(d => d.BatteryPercent).IsModified = true;
                }

                if (device.Pressed)
                {
                    entry.Entity.LastPressUtc = now;
                    entry.Property(d => d.LastPressUtc).IsModified = true;
                }
            }

            try
            {
                // Events, alarms and the devices' health commit together, or not at all (SaveChanges' own transaction).
                await db.SaveChangesAsync(CancellationToken.None);
                Interlocked.Increment(ref commits);
                metrics.Committed(group.Count);
            }
            catch (InvalidOperationException ex) when (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
            {
                // The connection broke inside the transaction (the database went away): nothing was committed, and
                // the provider reports it as "transaction already completed". Say so, so the device is told to retry.
                throw new DatabaseConnectionLostException(ex);
            }
        }

        freshTypes.ForEach(metrics.Ingested);
        raised.ForEach(metrics.Raised);
        for (var i = 0; i < replays; i++)
        {
            metrics.Duplicate();
        }

        return outcomes;
    }

    /// <summary>
    /// The group's events by device: <c>(DeviceId = @d1 AND EventId IN @ids1) OR (DeviceId = @d2 AND …)</c>, each term an
    /// index range of the unique index. Matching the devices and the event ids as two lists instead would probe every
    /// event id under every device (or, as PostgreSQL sometimes plans it, read every event of the devices). The terms
    /// are padded to a power of two (the last repeated), so a handful of query shapes serve every group size.
    /// </summary>
    private static Expression<Func<DeviceEvent, bool>> StoredIn(IReadOnlyList<PendingIngest> group)
    {
        var keys = group.GroupBy(g => g.DeviceId)
            .Select(d => new StoredKey(d.Key, d.SelectMany(g => g.Events.Select(e => e.EventId)).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();
        var padded = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)keys.Count);
        while (keys.Count < padded)
        {
            keys.Add(keys[^1]);
        }

        var e = Expression.Parameter(typeof(DeviceEvent), "e");
        Expression? body = null;
        foreach (var key in keys)
        {
            // Members of a captured object: EF Core sends them as parameters, not as literals in the SQL.
            var holder = Expression.Constant(key);
            var term = Expression.AndAlso(
                Expression.Equal(Expression.Property(e, nameof(DeviceEvent.DeviceId)), Expression.Property(holder, nameof(StoredKey.DeviceId))),
                Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)],
                    Expression.Property(holder, nameof(StoredKey.EventIds)), Expression.Property(e, nameof(DeviceEvent.EventId))));
            body = body is null ? term : Expression.OrElse(body, term);
        }

        return Expression.Lambda<Func<DeviceEvent, bool>>(body!, e);
    }

    /// <summary>A row of a group's read: a device (no event id), or one of its events stored already.</summary>
    private sealed class ReadRow
    {
        public Guid Id { get; init; }

        public string? Code { get; init; }

        public string? RegionCode { get; init; }

        public Guid? ElderId { get; init; }

        public Guid? OrganisationId { get; init; }

        public int HeartbeatSeconds { get; init; }

        public bool Offline { get; init; }

        public int? BatteryPercent { get; init; }

        public bool Enabled { get; init; }

        public int Version { get; init; }

        public string? EventId { get; init; }

        public Guid? AlarmId { get; init; }
    }

    /// <summary>One device's event ids of a group.</summary>
    private sealed record StoredKey(Guid DeviceId, List<string> EventIds);

    private sealed class PendingIngest(Guid deviceId, int? version, IReadOnlyList<IncomingEvent> events)
    {
        public Guid DeviceId { get; } = deviceId;

        /// <summary>The device's version when its signature was checked; null for trusted callers.</summary>
        public int? Version { get; } = version;

        public IReadOnlyList<IncomingEvent> Events { get; } = events;

        public TaskCompletionSource<Outcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <param name="Results">Null when the request's credentials no longer held at the commit.</param>
    /// <param name="Updates">The live updates to publish once committed.</param>
    private sealed record Outcome(IReadOnlyList<IngestResult>? Results, IReadOnlyList<LiveUpdate> Updates)
    {
        public static readonly Outcome Refused = new(null, []);
    }

    /// <summary>One device as the group sees it: what the events need, and what they changed.</summary>
    private sealed class DeviceState(Guid id, string code, string regionCode, Guid? elderId, Guid? organisationId, int heartbeatSeconds, bool offline, int? battery,
        bool enabled, int version)
    {
        public bool Enabled { get; } = enabled;

        public int Version { get; } = version;

        public Guid Id { get; } = id;

        public string Code { get; } = code;

        public string RegionCode { get; } = regionCode;

        public Guid? ElderId { get; } = elderId;

        public Guid? OrganisationId { get; } = organisationId;

        public int HeartbeatSeconds { get; } = heartbeatSeconds;

        public bool Offline { get; } = offline;

        public int? Battery { get; set; } = battery;

        private int? StoredBattery { get; } = battery;

        /// <summary>A reading that differs from the stored level (an unchanged reading is not written again).</summary>
        public bool BatteryChanged => BatteryReported && Battery is not null && Battery != StoredBattery;

        public bool BatteryReported { get; set; }

        public bool Pressed { get; set; }

        public bool Touched { get; set; }

        public bool AnnouncedOnline { get; set; }
    }
}

/// <summary>The database connection broke during an ingest transaction: nothing of it was committed (a 503, retry).</summary>
public sealed class DatabaseConnectionLostException(Exception inner) : System.Data.Common.DbException("The database connection was lost during the commit.", inner);
