using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Persistence;

public sealed class SqliteStatisticsTests
{
    private static Task<string?> StatOfAsync(SliceFixture app, string index) =>
        app.Db(db => db.Database.SqlQueryRaw<string>("SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE idx = {0}", index).SingleOrDefaultAsync(TestContext.Current.CancellationToken));

    private static Task<int> AddLiveEventsAsync(EldercareDbContext db, int count) =>
        db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0})
            INSERT INTO "Platform_LiveEvents" ("Id", "AtUtc", "RecordId", "RegionCode", "Topic")
            SELECT lower(hex(randomblob(16))), '2026-11-28 02:00:00', NULL, '120111', 'test' FROM n
            """, [count], TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_table_that_grew_since_its_statistics_were_taken_is_analysed_again_while_the_app_runs()
    {
        await using var app = await SliceFixture.CreateAsync(TestProvider.Sqlite);
        const string index = "IX_Platform_LiveEvents_AtUtc";
        // Statistics taken while the table held two rows, as at the start-up of a new installation.
        await app.Db(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Platform_LiveEvents\"", TestContext.Current.CancellationToken);
            await AddLiveEventsAsync(db, 2);
            return await db.Database.ExecuteSqlRawAsync("ANALYZE \"Platform_LiveEvents\"", TestContext.Current.CancellationToken);
        });
        Assert.StartsWith("2 ", await StatOfAsync(app, index));

        await app.Db(db => AddLiveEventsAsync(db, 400));
        Assert.StartsWith("2 ", await StatOfAsync(app, index)); // SQLite does not refresh them by itself

        await app.Services.GetRequiredService<SqliteStatistics>().RefreshAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("402 ", await StatOfAsync(app, index));
    }
}
