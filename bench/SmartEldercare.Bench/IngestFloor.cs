using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Web.Hosting;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>
/// The ingest floor: the platform's work minus the platform. The same rows, the same batching and the same idempotency,
/// written by hand in bare ADO.NET with no HTTP, signing, EF Core or platform code:
/// <list type="bullet">
/// <item>group commit as the ingestor does it: senders queue their request's events; whoever holds the writer's turn
/// commits everything queued (at most <see cref="MaxEventsPerCommit"/> events) in one transaction;</item>
/// <item>per group one read of the devices' versions and of the group's events already stored (an index range per device:
/// the duplicate check), then one batch: the new events in one multi-row INSERT, per alarm event its alarm, its first
/// timeline step and its live-feed row, and each device's health UPDATE checked against the version read;</item>
/// <item>a replay is answered as a duplicate with nothing written, as the platform answers it.</item>
/// </list>
/// Values are written as EF Core stores them, so the rows are like the app's, on the same database as the platform's runs.
/// </summary>
internal sealed class IngestFloor : IAsyncDisposable
{
    private const int MaxEventsPerCommit = 500;

    private readonly bool sqlite;
    private readonly DbConnection connection;
    private readonly ConcurrentQueue<Pending> queue = new();
    private readonly SemaphoreSlim writer = new(1, 1);
    private long commits;

    private IngestFloor(bool sqlite, DbConnection connection)
    {
        this.sqlite = sqlite;
        this.connection = connection;
    }

    /// <summary>Transactions committed since the start.</summary>
    public long Commits => Interlocked.Read(ref commits);

    public static async Task<IngestFloor> OpenAsync(DatabaseProvider provider, string connectionString)
    {
        var sqlite = provider == DatabaseProvider.Sqlite;
        DbConnection connection = sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (sqlite)
        {
            // What the app's SqlitePragmas interceptor sets on its connections (WAL is already on: it is kept in the file).
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;";
            await pragmas.ExecuteNonQueryAsync();
        }

        return new IngestFloor(sqlite, connection);
    }

    /// <summary>One request's worth: queued, committed in some writer's group, answered after that commit.</summary>
    public async Task<UnitOutcome> InsertAsync(BenchDevice device, PlannedEvent[] events, TimeSpan escalateAfter)
    {
        var mine = new Pending(device, events, escalateAfter);
        queue.Enqueue(mine);
        await writer.WaitAsync();
        try
        {
            while (!mine.Done.Task.IsCompleted)
            {
                var group = Take();
                if (group.Count == 0)
                {
                    break;
                }

                try
                {
                    await CommitAsync(group);
                }
                catch (Exception ex)
                {
                    foreach (var one in group)
                    {
                        one.Done.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            writer.Release();
        }

        return await mine.Done.Task;
    }

    private List<Pending> Take()
    {
        var group = new List<Pending>();
        var count = 0;
        while (queue.TryPeek(out var next) && (group.Count == 0 || count + next.Events.Length <= MaxEventsPerCommit) && queue.TryDequeue(out next))
        {
            group.Add(next);
            count += next.Events.Length;
        }

        return group;
    }

    private async Task CommitAsync(List<Pending> group)
    {
        var now = DateTime.UtcNow;
        await using var transaction = await connection.BeginTransactionAsync();
        var (versions, stored) = await ReadAsync(transaction, group);

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder();
        var at = Param(command, now);
        var rows = new List<string>();
        var fresh = new HashSet<(Guid, string)>();
        var outcomes = new List<UnitOutcome>(group.Count);
        foreach (var byDevice in group.GroupBy(p => p.Device.Id))
        {
            var device = byDevice.First().Device;
            var deviceId = Param(command, Id(device.Id));
            var touched = false;
            int? battery = null;
            var pressed = false;
            foreach (var one in byDevice)
            {
                var accepted = new List<AcceptedEvent>(one.Events.Length);
                var duplicates = 0;
                foreach (var e in one.Events)
                {
                    if (stored.Contains((device.Id, e.EventId)) || !fresh.Add((device.Id, e.EventId)))
                    {
                        duplicates++;
                        continue;
                    }

                    Guid? alarmId = null;
                    if (Emergency.Devices.DeviceEventTypes.AlarmFor(e.Type) is { } type)
                    {
                        alarmId = Guid.CreateVersion7();
                        var alarm = Param(command, Id(alarmId.Value));
                        sql.Append(Invariant($"""
                            INSERT INTO "Emergency_Alarms" ("Id","Type","Priority","Source","DeviceId","ElderId","OrganisationId","RegionCode","Status","Tier","RaisedAtUtc","EscalatesAtUtc","Version")
                            VALUES ({alarm},{Param(command, type.ToString())},{(int)Alarm.PriorityOf(type)},'Device',{deviceId},{Param(command, Id(device.ElderId))},NULL,{Param(command, device.RegionCode)},{(int)AlarmStatus.Raised},{(int)AlarmTier.Village},{at},{Param(command, now + one.EscalateAfter)},0);
                            INSERT INTO "Emergency_AlarmSteps" ("AlarmId","AtUtc","Action","Actor","Note") VALUES ({alarm},{at},'raised',{Param(command, "device:" + device.Code)},NULL);
                            INSERT INTO "Platform_LiveEvents" ("Id","RegionCode","Topic","RecordId","AtUtc") VALUES ({Param(command, Id(Guid.CreateVersion7()))},{Param(command, device.RegionCode)},'alarm.raised',{Param(command, alarmId.Value.ToString())},{at});

                            """));
                    }

                    var readings = e.Readings is { } r ? Param(command, r) : "NULL";
                    var alarmRef = alarmId is { } a ? Param(command, Id(a)) : "NULL";
                    rows.Add(Invariant($"({Param(command, Id(Guid.CreateVersion7()))},{deviceId},{Param(command, e.EventId)},{Param(command, e.Type)},{at},{at},{readings},{alarmRef})"));
                    accepted.Add(new AcceptedEvent(device, e, alarmId));
                    touched = true;
                    battery = e.Battery ?? battery;
                    pressed |= e.Type is "sos" or "test";
                }

                outcomes.Add(new UnitOutcome(true, null, accepted, duplicates));
            }

            if (touched)
            {
                // The health of the device, checked against the version read (the ingestor's concurrency token, which
                // health never bumps).
                var version = versions[device.Id];
                sql.Append(Invariant($"""UPDATE "Emergency_Devices" SET "LastSeenUtc" = {at}, "Offline" = {Param(command, false)}, "SilentAfterUtc" = {Param(command, now.AddHours(2))}"""));
                if (battery is { } level)
                {
                    sql.Append(Invariant($""", "BatteryPercent" = {level}"""));
                }

                if (pressed)
                {
                    sql.Append(Invariant($""", "LastPressUtc" = {at}"""));
                }

                sql.Append(Invariant($""" WHERE "Id" = {deviceId} AND "Version" = {version};""")).Append('\n');
            }
        }

        if (rows.Count > 0)
        {
            sql.Append("""INSERT INTO "Emergency_DeviceEvents" ("Id","DeviceId","EventId","Type","OccurredAtUtc","ReceivedAtUtc","Readings","AlarmId") VALUES """)
                .AppendJoin(',', rows).Append(";\n");
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        Interlocked.Increment(ref commits);

        // GroupBy keeps the first-seen order of devices and of each device's requests: answer them in that order.
        var ordered = group.GroupBy(p => p.Device.Id).SelectMany(g => g).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Done.TrySetResult(outcomes[i]);
        }
    }

    /// <summary>
    /// One round trip: each device's version, and which of the group's event ids each device has stored already (per
    /// device an exact range of the unique index on (DeviceId, EventId)).
    /// </summary>
    private async Task<(Dictionary<Guid, long> Versions, HashSet<(Guid, string)> Stored)> ReadAsync(DbTransaction transaction, List<Pending> group)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var devices = group.Select(p => p.Device).DistinctBy(d => d.Id).ToList();
        var sql = new StringBuilder("SELECT \"Id\", \"Version\" FROM \"Emergency_Devices\" WHERE \"Id\" IN (")
            .AppendJoin(',', devices.Select(d => Param(command, Id(d.Id)))).Append(");\n")
            .Append("SELECT \"DeviceId\", \"EventId\" FROM \"Emergency_DeviceEvents\" WHERE ");
        sql.AppendJoin(" OR ", group.GroupBy(p => p.Device.Id).Select(g =>
            Invariant($"(\"DeviceId\" = {Param(command, Id(g.Key))} AND \"EventId\" IN (") + string.Join(',', g.SelectMany(p => p.Events).Select(e => Param(command, e.EventId))) + "))"));
        command.CommandText = sql.Append(';').ToString();

        var versions = new Dictionary<Guid, long>();
        var stored = new HashSet<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions[ReadId(reader, 0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            stored.Add((ReadId(reader, 0), reader.GetString(1)));
        }

        return (versions, stored);
    }

    private Guid ReadId(DbDataReader reader, int column) => sqlite ? Guid.Parse(reader.GetString(column)) : reader.GetGuid(column);

    /// <summary>EF Core stores a Guid as upper-case text on SQLite and as uuid on PostgreSQL.</summary>
    private object Id(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;

    private static string Param(DbCommand command, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = Invariant($"@p{command.Parameters.Count}");
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }

    public async ValueTask DisposeAsync()
    {
        writer.Dispose();
        await connection.DisposeAsync();
    }

    private sealed record Pending(BenchDevice Device, PlannedEvent[] Events, TimeSpan EscalateAfter)
    {
        public TaskCompletionSource<UnitOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
