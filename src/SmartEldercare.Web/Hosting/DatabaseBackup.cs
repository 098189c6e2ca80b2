using System.Diagnostics;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SmartEldercare.Web.Hosting;

/// <summary>
/// <c>backup --to FILE</c> and <c>restore --from FILE</c> for the configured database.
/// <list type="bullet">
/// <item>SQLite: SQLite's online backup API — a consistent copy while the app runs; restore writes the copy back
/// through SQLite (stop the app first).</item>
/// <item>PostgreSQL: <c>pg_dump --format=custom</c> / <c>pg_restore --clean --if-exists --single-transaction</c>
/// (from <c>Backup:PostgresBin</c>, the PATH or <c>/usr/lib/postgresql/*/bin</c>); the password goes through
/// <c>PGPASSWORD</c>, never the command line.</item>
/// <item>SQL Server: <c>BACKUP DATABASE … WITH COPY_ONLY, CHECKSUM</c> / <c>RESTORE … WITH REPLACE</c>; the file is
/// a path on the database server.</item>
/// </list>
/// </summary>
public static class DatabaseBackup
{
    public static async Task BackupAsync(DatabaseProvider provider, string connectionString, string file, IConfiguration? configuration = null, CancellationToken ct = default)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                await using (var source = new SqliteConnection(connectionString))
                await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
                {
                    File.Delete(file);
                    await source.OpenAsync(ct);
                    await target.OpenAsync(ct);
                    source.BackupDatabase(target);
                }

                break;
            case DatabaseProvider.PostgreSql:
                var pg = new NpgsqlConnectionStringBuilder(connectionString);
                await RunAsync(PostgresTool("pg_dump", configuration), pg, ["--format=custom", "--no-owner", "--file", file, "--dbname", pg.Database!], ct);
                break;
            case DatabaseProvider.SqlServer:
                await SqlServerAsync(connectionString, "BACKUP DATABASE {0} TO DISK = @file WITH COPY_ONLY, INIT, CHECKSUM", file, ct);
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'.");
        }
    }

    public static async Task RestoreAsync(DatabaseProvider provider, string connectionString, string file, IConfiguration? configuration = null, CancellationToken ct = default)
    {
        if (provider != DatabaseProvider.SqlServer && !File.Exists(file))
        {
            throw new FileNotFoundException("No backup at " + file, file);
        }

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
                await using (var target = new SqliteConnection(connectionString))
                {
                    await source.OpenAsync(ct);
                    await target.OpenAsync(ct);
                    source.BackupDatabase(target);
                }

                SqliteConnection.ClearAllPools();
                break;
            case DatabaseProvider.PostgreSql:
                var pg = new NpgsqlConnectionStringBuilder(connectionString);
                await RunAsync(PostgresTool("pg_restore", configuration), pg, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", pg.Database!, file], ct);
                NpgsqlConnection.ClearAllPools();
                break;
            case DatabaseProvider.SqlServer:
                await SqlServerAsync(connectionString,
                    "ALTER DATABASE {0} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; RESTORE DATABASE {0} FROM DISK = @file WITH REPLACE, CHECKSUM; ALTER DATABASE {0} SET MULTI_USER",
                    file, ct, onMaster: true);
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'.");
        }
    }

    private static async Task SqlServerAsync(string connectionString, string template, string file, CancellationToken ct, bool onMaster = false)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        var database = "[" + builder.InitialCatalog.Replace("]", "]]", StringComparison.Ordinal) + "]";
        if (onMaster)
        {
            builder.InitialCatalog = "master";
        }

        await using var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, database);
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("@file", file);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The PostgreSQL client tool: <c>Backup:PostgresBin</c>, else the newest <c>/usr/lib/postgresql/N/bin</c>, else the PATH.</summary>
    public static string PostgresTool(string name, IConfiguration? configuration)
    {
        if (configuration?["Backup:PostgresBin"] is { Length: > 0 } configured)
        {
            return Path.Combine(configured, name);
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Path: Path.Combine(d, "bin", name)))
                .Where(t => File.Exists(t.Path)).OrderByDescending(t => t.Version).Select(t => t.Path).FirstOrDefault()
            : null;
        return installed ?? name;
    }

    private static async Task RunAsync(string tool, NpgsqlConnectionStringBuilder pg, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--host", pg.Host ?? "localhost", "--port", pg.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", pg.Username ?? "postgres", "--no-password", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(pg.Password))
        {
            start.Environment["PGPASSWORD"] = pg.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed ({process.ExitCode}): {(await errors).Trim()}");
        }
    }
}
