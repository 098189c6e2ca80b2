using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Persistence;

public sealed class MigrationsTests
{
    private static EldercareDbContext Context(string provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEldercareCore(TestDatabases.Configuration(TestProvider.Sqlite, connectionString, new Dictionary<string, string?> { ["Database:Provider"] = provider }), Path.GetTempPath());
        return services.BuildServiceProvider().GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContext();
    }

    [Theory]
    [InlineData("Sqlite", "Data Source=:memory:")]
    [InlineData("SqlServer", "Server=localhost;Database=x;Trusted_Connection=True;TrustServerCertificate=True")]
    [InlineData("PostgreSql", "Host=localhost;Database=x;Username=x;Password=x")]
    public void Each_providers_migrations_are_in_sync_with_the_model(string provider, string connectionString)
    {
        using var db = Context(provider, connectionString);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes without a {provider} migration: run deploy/add-migration.sh <Name>.");
    }

    [Fact]
    public void The_SQL_Server_script_can_be_generated_without_a_server()
    {
        using var db = Context("SqlServer", "Server=localhost;Database=x;Trusted_Connection=True;TrustServerCertificate=True");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Platform_Elders]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Platform_Elders_IdNumberHash]", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrating_twice_is_harmless_and_reference_regions_are_present()
    {
        await using var app = await SliceFixture.CreateAsync();
        await DatabaseSetup.MigrateAsync(app.Services, TestContext.Current.CancellationToken);

        Assert.Equal(SmartEldercare.Platform.Regions.RegionCatalog.All.Count, await app.Db(db => db.Regions.CountAsync()));
    }
}
