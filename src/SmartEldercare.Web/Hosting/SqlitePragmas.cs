using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartEldercare.Web.Hosting;

/// <summary>
/// Per-connection SQLite settings: a 32 MB page cache and memory-mapped reads (the defaults, 2 MB and none, make
/// district-wide counts over 200,000 elders several times slower), temp tables in memory, and a busy timeout, so a
/// writer waiting for another waits inside SQLite instead of the library's 150 ms retry sleeps (bench/ ingest and
/// alarms: p99 from seconds to under 100 ms on SQLite). It follows the connection's <c>Default Timeout</c>.
/// The settings live on the native handle, which the connection pool keeps between opens: they are applied once per
/// handle, not on every open (every query of a context opens its connection).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Applied = [];

    private static bool FirstOpen(DbConnection connection) =>
        (connection as Microsoft.Data.Sqlite.SqliteConnection)?.Handle is not { } handle || !Applied.TryGetValue(handle, out _);

    private static void Done(DbConnection connection)
    {
        if ((connection as Microsoft.Data.Sqlite.SqliteConnection)?.Handle is { } handle)
        {
            Applied.AddOrUpdate(handle, handle);
        }
    }

    private static string Pragmas(DbConnection connection) =>
        "PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout="
        + (Math.Clamp((connection as Microsoft.Data.Sqlite.SqliteConnection)?.DefaultTimeout ?? 30, 1, 120) * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
        Done(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        Done(connection);
    }
}
