using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SmartEldercare.Bench;

/// <summary>A SQLite file in a throw-away temp folder, deleted on dispose.</summary>
internal sealed class TempSqliteDatabase : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("eldercare-bench-");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "bench.db") }.ToString();

    public void Dispose()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"could not delete {folder.FullName}: {ex.Message}");
        }
    }
}

internal static class PostgresDatabases
{
    /// <summary>Drops and creates the bench's own database on the given server, so every run starts empty (migrations then
    /// fill it); returns the connection string to it.</summary>
    public static async Task<string> RecreateAsync(string serverConnectionString, string database)
    {
        var bench = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database };
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"postgres: {bench.Host}:{bench.Port.ToString(CultureInfo.InvariantCulture)}, database {database} (dropped and recreated)");
        return bench.ConnectionString;
    }
}
