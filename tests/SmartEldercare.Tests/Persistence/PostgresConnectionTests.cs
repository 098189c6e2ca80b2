using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Persistence;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Auto_prepare_and_no_reset_on_close_are_on_unless_the_connection_string_sets_them()
    {
        var set = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Database=eldercare;Username=app;Password=secret"));
        Assert.Equal(100, set.MaxAutoPrepare);
        Assert.Equal(2, set.AutoPrepareMinUsages);
        Assert.True(set.NoResetOnClose);
        Assert.Equal("secret", set.Password);

        var own = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Database=eldercare;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, own.MaxAutoPrepare);
        Assert.False(own.NoResetOnClose);
        Assert.Equal("Host=db;Database=eldercare;Max Auto Prepare=0;No Reset On Close=false",
            DatabaseSetup.WithPostgresDefaults("Host=db;Database=eldercare;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.True(new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Max Auto Prepare=0")).NoResetOnClose);
    }

    [Fact]
    public async Task On_PostgreSQL_a_query_run_again_is_prepared_on_its_connection()
    {
        await using var app = await SliceFixture.CreateAsync(TestProvider.PostgreSql);
        var prepared = await app.Db(async db =>
        {
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            for (var i = 0; i < 3; i++)
            {
                Assert.True(await db.Regions.CountAsync(r => r.Level == RegionLevel.Village, TestContext.Current.CancellationToken) > 0);
            }

            return await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%Level%'")
                .SingleAsync(TestContext.Current.CancellationToken);
        });
        Assert.True(prepared > 0, "the repeated query was not prepared");
    }
}
