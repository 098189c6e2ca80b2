using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Card;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Persistence;

/// <summary>
/// The contexts are pooled: an instance is leased again after its disposal, with nothing of its earlier lease — no
/// tracked entity, no changed setting, no borrowed connection.
/// </summary>
public sealed class ContextPoolingTests
{
    [Fact]
    public async Task A_disposed_context_is_leased_again_with_its_settings_and_tracking_reset()
    {
        await using var app = await SliceFixture.CreateAsync();
        var dbs = app.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        var ct = TestContext.Current.CancellationToken;
        EldercareDbContext first;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            first = db;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            db.Database.AutoSavepointsEnabled = false;
            Assert.NotEmpty(await db.Regions.AsTracking().Take(3).ToListAsync(ct));
            Assert.NotEmpty(db.ChangeTracker.Entries());
        }

        await using var again = await dbs.CreateDbContextAsync(ct);
        Assert.Same(first, again); // pooled
        Assert.True(again.ChangeTracker.AutoDetectChangesEnabled);
        Assert.Equal(QueryTrackingBehavior.TrackAll, again.ChangeTracker.QueryTrackingBehavior);
        Assert.True(again.Database.AutoSavepointsEnabled);
        Assert.Empty(again.ChangeTracker.Entries());
        Assert.Equal(System.Data.ConnectionState.Closed, again.Database.GetDbConnection().State);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task After_group_committed_payments_no_two_leased_contexts_share_a_connection(TestProvider provider)
    {
        // The ledger's commit switches each posting's context to the group's connection; were those contexts leased
        // from the pool, they would go back holding it and two later leases would share one connection.
        await using var world = await CardWorld.CreateAsync(provider);
        var cards = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            cards.Add((await world.CardAsync(selfYuan: 20m)).Number);
        }

        var paid = await Task.WhenAll(cards.Select(number => Task.Run(() => world.PayAsync(number, 3m))));
        Assert.All(paid, p => Assert.True(p.IsSuccess, p.Message));

        var dbs = world.App.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        var leased = new List<EldercareDbContext>();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                leased.Add(await dbs.CreateDbContextAsync(TestContext.Current.CancellationToken));
            }

            var connections = leased.Select(db => db.Database.GetDbConnection()).ToList();
            Assert.Equal(connections.Count, connections.Distinct(ReferenceEqualityComparer.Instance).Count());
            foreach (var db in leased)
            {
                Assert.NotEmpty(await db.Regions.Take(1).ToListAsync(TestContext.Current.CancellationToken));
            }
        }
        finally
        {
            foreach (var db in leased)
            {
                await db.DisposeAsync();
            }
        }

        await world.AssertLedgerIsConsistentAsync();
    }
}
