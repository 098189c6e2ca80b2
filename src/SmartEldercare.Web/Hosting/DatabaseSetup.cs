using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Web.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Provider and connection string from configuration (<c>Database:Provider</c>, <c>Database:ConnectionString</c>).</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var p) ? p
        : string.IsNullOrEmpty(configuration["Database:Provider"]) ? DatabaseProvider.Sqlite
        : throw new InvalidOperationException($"Database:Provider '{configuration["Database:Provider"]}' is not one of Sqlite, SqlServer, PostgreSql.");

    public static string ConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Database:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (Provider(configuration) != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("Database:ConnectionString is required for SqlServer and PostgreSql.");
        }

        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "eldercare.db")}";
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        // Capped counts (SELECT COUNT(*) FROM (… LIMIT n)) need no order.
        options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));
        options.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ModelCacheKeys>();
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, x => x.MigrationsAssembly("SmartEldercare.Migrations.SqlServer"));
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(WithPostgresDefaults(connectionString), x => x.MigrationsAssembly("SmartEldercare.Migrations.PostgreSql"));
                break;
            default:
                options.UseSqlite(connectionString, x => x.MigrationsAssembly("SmartEldercare.Migrations.Sqlite"))
                    .AddInterceptors(new SqlitePragmas());
                break;
        }
    }

    /// <summary>
    /// PostgreSQL connection defaults, each unless the connection string sets it itself:
    /// <list type="bullet">
    /// <item>statements that a connection runs again and again (a payment's, a device event's) are prepared on it after
    /// their second use (<c>Max Auto Prepare=100</c>, <c>Auto Prepare Min Usages=2</c>), so the server parses and plans them
    /// once: card payments 188 → 272 per second (bench <c>card</c>, 2026-11-29);</item>
    /// <item><c>No Reset On Close=true</c>: a connection going back to the pool is not reset. The reset is five statements
    /// (<c>CLOSE ALL; UNLISTEN *; pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP</c>) sent before the next
    /// command, and a card payment leases about four connections (<c>pg_stat_statements</c>: 38,395 resets in a 10 s card
    /// bench, none with this default). The platform keeps no session state on a connection (no temporary tables, advisory
    /// locks, LISTEN or SET), and Npgsql still rolls back a transaction left open. The gain in payments per second is
    /// within the bench's run-to-run noise on this machine (565 against 532 per second in one pair of runs).</item>
    /// </list>
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(params string[] names) => names.Any(given.ContainsKey);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var changed = false;
        if (!Sets("Max Auto Prepare", "MaxAutoPrepare"))
        {
            (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages, changed) = (100, 2, true);
        }

        if (!Sets("No Reset On Close", "NoResetOnClose"))
        {
            (builder.NoResetOnClose, changed) = (true, true);
        }

        return changed ? builder.ConnectionString : connectionString;
    }

    public static IServiceCollection AddEldercareDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = Provider(configuration);
        var connectionString = ConnectionString(configuration, contentRoot);
        // Pooled: a context is built once and leased again (EF resets its state between leases). Code that changes a
        // context's connection must not use a pooled one (LedgerWriter makes its own).
        services.AddPooledDbContextFactory<EldercareDbContext>((sp, o) =>
        {
            Configure(o, provider, connectionString);
            o.UseEldercareModel(sp.GetRequiredService<ModelAssemblies>(), sp.GetRequiredService<Platform.Privacy.PersonalDataProtector>());
        });
        services.AddSingleton<SqliteStatistics>();
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddHostedService<SqliteStatisticsService>();
        }

        return services;
    }

    /// <summary>Applies pending migrations and the reference data every installation needs.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var dbs = services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the consoles read while a command writes.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(ct);
        await Platform.Regions.RegionCatalog.EnsureAsync(db, ct);
        // SQLite: refreshes the planner's statistics where they are stale, so it picks the scope indexes.
        await services.GetRequiredService<SqliteStatistics>().RefreshAsync(ct);
    }
}
