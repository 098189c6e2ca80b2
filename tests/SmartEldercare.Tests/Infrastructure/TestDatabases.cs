using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Infrastructure;

public enum TestProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Real databases with fresh data per test: each provider's schema is migrated once into a template,
/// then every test gets its own copy (a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL).
/// </summary>
public static class TestDatabases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? sqliteTemplate;
    private static string? postgresTemplate;
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "eldercare-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string? PostgresBase => Environment.GetEnvironmentVariable("ELDERCARE_TEST_POSTGRES");

    /// <summary>PostgreSQL tests skip locally without a server, but fail under CI, where tests/run.sh must provide one.</summary>
    public static void RequirePostgres()
    {
        if (string.IsNullOrEmpty(PostgresBase))
        {
            if (CiEnvironment.IsCi)
            {
                Assert.Fail("ELDERCARE_TEST_POSTGRES is not set under CI: tests/run.sh must start PostgreSQL.");
            }

            Assert.Skip("PostgreSQL not available (ELDERCARE_TEST_POSTGRES unset); run bash tests/run.sh.");
        }
    }

    public static async Task<string> CreateAsync(TestProvider provider)
    {
        if (provider == TestProvider.PostgreSql)
        {
            RequirePostgres();
        }

        await Gate.WaitAsync();
        try
        {
            if (provider == TestProvider.Sqlite)
            {
                sqliteTemplate ??= await CreateSqliteTemplateAsync();
            }
            else
            {
                postgresTemplate ??= await CreatePostgresTemplateAsync();
            }
        }
        finally
        {
            Gate.Release();
        }

        return provider == TestProvider.Sqlite ? CopySqlite(sqliteTemplate!) : await ClonePostgresAsync(postgresTemplate!);
    }

    public static IConfiguration Configuration(TestProvider provider, string connectionString, IDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Seed:Demo"] = "false",
            // Each app its own evidence folder (an absolute path wins over the content root).
            ["Facilities:EvidenceDirectory"] = Path.Combine(Path.GetTempPath(), "eldercare-evidence", Guid.NewGuid().ToString("N")),
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static async Task<string> CreateSqliteTemplateAsync()
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, "template.db");
        var cs = $"Data Source={path};Pooling=False";
        await MigrateAsync(TestProvider.Sqlite, cs);
        return path;
    }

    private static string CopySqlite(string template)
    {
        var path = Path.Combine(Root, $"t-{Guid.NewGuid():N}.db");
        File.Copy(template, path);
        return $"Data Source={path};Pooling=False";
    }

    private static async Task<string> CreatePostgresTemplateAsync()
    {
        var name = $"eldercare_tmpl_{Environment.ProcessId}";
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        var cs = WithDatabase(name);
        await MigrateAsync(TestProvider.PostgreSql, cs);
        NpgsqlConnection.ClearAllPools();
        return name;
    }

    private static async Task<string> ClonePostgresAsync(string template)
    {
        var name = $"eldercare_t_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        return WithDatabase(name);
    }

    public static string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresBase) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    private static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresBase) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task MigrateAsync(TestProvider provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddEldercareCore(Configuration(provider, connectionString), Root);
        await using var sp = services.BuildServiceProvider();
        await DatabaseSetup.MigrateAsync(sp);
        SqliteConnection.ClearAllPools();
    }
}
