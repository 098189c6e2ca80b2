using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Persistence;

/// <summary>The per-connection SQLite settings are applied once per pooled handle and are still there on every later open.</summary>
public sealed class SqlitePragmasTests
{
    private static async Task<long> PragmaAsync(EldercareDbContext db, string name)
    {
        // Opened the way EF opens it for a query, interceptors included.
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var connection = db.Database.GetDbConnection();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task Every_context_sees_the_busy_timeout_and_the_page_cache()
    {
        await using var app = await SliceFixture.CreateAsync();
        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        for (var i = 0; i < 5; i++)
        {
            await using var db = await dbs.CreateDbContextAsync(TestContext.Current.CancellationToken);
            Assert.True(await PragmaAsync(db, "busy_timeout") >= 1000, "busy_timeout missing on open " + i);
            Assert.Equal(-32768, await PragmaAsync(db, "cache_size"));
            Assert.Equal(2, await PragmaAsync(db, "temp_store"));
        }
    }
}
