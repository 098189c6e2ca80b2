using System.Globalization;
using System.Security.Claims;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Infrastructure;

/// <summary>
/// The composition root of the app over a fresh real database, with a fake clock. Tests send requests
/// through the mediator as a given user, as a page or API endpoint would (ContosoUniversity's SliceFixture).
/// </summary>
public sealed class SliceFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private readonly string connectionString;

    private SliceFixture(ServiceProvider services, FakeTimeProvider clock, TestProvider provider, string connectionString)
    {
        Services = services;
        Clock = clock;
        Provider = provider;
        this.connectionString = connectionString;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public TestProvider Provider { get; }

    public string ConnectionString => connectionString;

    public static async Task<SliceFixture> CreateAsync(TestProvider provider = TestProvider.Sqlite, IDictionary<string, string?>? settings = null)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var connectionString = await TestDatabases.CreateAsync(provider);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddEldercareCore(TestDatabases.Configuration(provider, connectionString, settings), Path.GetTempPath());
        var clock = new FakeTimeProvider(Now);
        services.AddSingleton<TimeProvider>(clock);
        return new SliceFixture(services.BuildServiceProvider(), clock, provider, connectionString);
    }

    /// <summary>Sends through the full pipeline (logging, authorization, validation) as <paramref name="user"/>.</summary>
    public async Task<T> As<T>(ClaimsPrincipal user, Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(user);
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    public async Task<T> Db<T>(Func<EldercareDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Provider == TestProvider.PostgreSql)
        {
            // Each test has its own database: its idle pooled connections would only count against max_connections.
            // The app's connection string, as it opens it (with the auto-prepare settings): that names its pool.
            await using var connection = new Npgsql.NpgsqlConnection(SmartEldercare.Web.Hosting.DatabaseSetup.WithPostgresDefaults(connectionString));
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }
}
