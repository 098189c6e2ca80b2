using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Ingest;
using SmartEldercare.Web.Hosting;
using static System.FormattableString;

namespace SmartEldercare.Bench;

/// <summary>
/// The ingest floor: the rows the platform writes for a request, written by bare ADO.NET (one open connection per
/// sender, one transaction and one multi-statement command per request's worth: the events in one multi-row INSERT, the
/// device's health UPDATE, and per alarm event its alarm, its first timeline step and its live-feed row), with no HTTP,
/// signing, reads, EF Core or platform code. Values are written as EF Core stores them, so the rows are like the app's.
/// On SQLite the senders take turns through an in-process gate: the database has one writer at a time anyway, and a
/// writer that finds it busy is retried by Microsoft.Data.Sqlite after a 150 ms sleep (busy_timeout is 0), which would
/// measure that library's back-off rather than the database.
/// </summary>
internal sealed class IngestFloor : IAsyncDisposable
{
    private readonly bool sqlite;
    private readonly DbConnection[] connections;
    private readonly SemaphoreSlim writer = new(1);

    private IngestFloor(bool sqlite, DbConnection[] connections)
    {
        this.sqlite = sqlite;
        this.connections = connections;
    }

    public static async Task<IngestFloor> OpenAsync(DatabaseProvider provider, string connectionString, int senders)
    {
        var sqlite = provider == DatabaseProvider.Sqlite;
        var connections = new DbConnection[senders];
        for (var i = 0; i < senders; i++)
        {
            connections[i] = sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
            await connections[i].OpenAsync();
            if (sqlite)
            {
                // What the app's SqlitePragmas interceptor sets on its connections (WAL is already on: it is kept in the file).
                await using var pragmas = connections[i].CreateCommand();
                pragmas.CommandText = "PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;";
                await pragmas.ExecuteNonQueryAsync();
            }
        }

        return new IngestFloor(sqlite, connections);
    }

    public async Task<UnitOutcome> InsertAsync(int sender, BenchDevice device, PlannedEvent[] events, TimeSpan escalateAfter)
    {
        if (!sqlite)
        {
            return await WriteAsync(sender, device, events, escalateAfter);
        }

        await writer.WaitAsync();
        try
        {
            return await WriteAsync(sender, device, events, escalateAfter);
        }
        finally
        {
            writer.Release();
        }
    }

    private async Task<UnitOutcome> WriteAsync(int sender, BenchDevice device, PlannedEvent[] events, TimeSpan escalateAfter)
    {
        var connection = connections[sender];
        var now = DateTime.UtcNow;
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder();
        var accepted = new List<AcceptedEvent>(events.Length);
        var deviceId = Param(command, Id(device.Id));
        var at = Param(command, now);

        foreach (var e in events)
        {
            Guid? alarmId = null;
            if (DeviceEventIngestor.AlarmFor(e.Type) is { } type)
            {
                alarmId = Guid.CreateVersion7();
                var alarm = Param(command, Id(alarmId.Value));
                sql.Append(Invariant($"""
                    INSERT INTO "Emergency_Alarms" ("Id","Type","Priority","Source","DeviceId","ElderId","OrganisationId","RegionCode","Status","Tier","RaisedAtUtc","EscalatesAtUtc","Version")
                    VALUES ({alarm},{Param(command, type.ToString())},{(int)Alarm.PriorityOf(type)},'Device',{deviceId},{Param(command, Id(device.ElderId))},NULL,{Param(command, device.RegionCode)},{(int)AlarmStatus.Raised},{(int)AlarmTier.Village},{at},{Param(command, now + escalateAfter)},0);
                    INSERT INTO "Emergency_AlarmSteps" ("AlarmId","AtUtc","Action","Actor","Note") VALUES ({alarm},{at},'raised',{Param(command, "device:" + device.Code)},NULL);
                    INSERT INTO "Platform_LiveEvents" ("Id","RegionCode","Topic","RecordId","AtUtc") VALUES ({Param(command, Id(Guid.CreateVersion7()))},{Param(command, device.RegionCode)},'alarm.raised',{Param(command, alarmId.Value.ToString())},{at});

                    """));
            }

            accepted.Add(new AcceptedEvent(device, e, alarmId));
        }

        sql.Append("""INSERT INTO "Emergency_DeviceEvents" ("Id","DeviceId","EventId","Type","OccurredAtUtc","ReceivedAtUtc","Readings","AlarmId") VALUES """);
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            var readings = e.Readings is { } r ? Param(command, r) : "NULL";
            var alarm = accepted[i].AlarmId is { } a ? Param(command, Id(a)) : "NULL";
            sql.Append(i == 0 ? string.Empty : ",")
                .Append(Invariant($"({Param(command, Id(Guid.CreateVersion7()))},{deviceId},{Param(command, e.EventId)},{Param(command, e.Type)},{at},{at},{readings},{alarm})"));
        }

        sql.Append(";\n");
        var battery = events.LastOrDefault(e => e.Battery is not null)?.Battery;
        sql.Append(Invariant($"""UPDATE "Emergency_Devices" SET "LastSeenUtc" = {at}, "Offline" = {Param(command, false)}, "SilentAfterUtc" = {Param(command, now.AddHours(2))}, "Version" = "Version" + 1"""));
        if (battery is { } level)
        {
            sql.Append(Invariant($""", "BatteryPercent" = {level}"""));
        }

        if (events.Any(e => e.Type is "sos" or "test"))
        {
            sql.Append(Invariant($""", "LastPressUtc" = {at}"""));
        }

        sql.Append(Invariant($""" WHERE "Id" = {deviceId};"""));
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return new UnitOutcome(true, null, accepted, 0);
    }

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
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }
}
