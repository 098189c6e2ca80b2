using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartEldercare.Web.Hosting;

/// <summary>
/// Per-connection SQLite settings: a 32 MB page cache and memory-mapped reads (the defaults, 2 MB and none, make
/// district-wide counts over 200,000 elders several times slower), temp tables in memory.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
