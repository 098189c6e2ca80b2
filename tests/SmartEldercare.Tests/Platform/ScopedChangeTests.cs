using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Platform;

/// <summary>
/// The handlers' shared skeleton: the record read in scope, the rule, the commit under the token, and the live update's
/// feed row committed in the same transaction as the change it reports (pushed only after), or not at all.
/// </summary>
public sealed class ScopedChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_change_commits_with_its_feed_row_and_a_refusal_or_a_lost_race_leaves_neither(TestProvider provider)
    {
        await using var app = await SliceFixture.CreateAsync(provider);
        var elderId = (await app.As(TestUsers.Village, m => m.Send(NewElder.Command(), Ct))).Value;
        var pushed = new List<LiveUpdate>();
        using var subscription = app.Services.GetRequiredService<ILiveUpdates>().Subscribe(RegionCatalog.DistrictCode, u =>
        {
            pushed.Add(u);
            return Task.CompletedTask;
        });
        await using var scope = app.Services.CreateAsyncScope();
        var change = scope.ServiceProvider.GetRequiredService<ScopedChange>();
        LiveUpdate Announce(Elder e) => new(Guid.CreateVersion7(), e.RegionCode, "elder.updated", e.Id.ToString(), app.Clock.UtcNow());
        async Task<int> FeedRowsAsync() => await app.Db(db => db.LiveEvents.CountAsync(e => e.RecordId == elderId.ToString() && e.Topic == "elder.updated", Ct));

        var done = await change.ApplyAsync(db => db.Elders.Where(e => e.RegionCode.StartsWith(RegionCatalog.YangliuqingCode)), e => e.Id == elderId,
            e => { e.CareLevel = 3; e.Version++; return Result.Ok(); }, null, Ct, announce: Announce);
        Assert.True(done.IsSuccess);
        Assert.Equal(1, await FeedRowsAsync());
        Assert.Equal(3, await app.Db(db => db.Elders.Where(e => e.Id == elderId).Select(e => e.CareLevel).SingleAsync(Ct)));
        await Eventually.Until(() => pushed.Count(u => u.Topic == "elder.updated") == 1, "the push after the commit");

        var refused = await change.ApplyAsync(db => db.Elders, e => e.Id == elderId, _ => Result.Conflict("no"), null, Ct, announce: Announce);
        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Equal(1, await FeedRowsAsync());

        // Someone else changes the elder between the read and the commit: 409, and no feed row for a change that did not happen.
        var lost = await change.ApplyAsync(db => ValueTask.FromResult<IQueryable<Elder>>(db.Elders), e => e.Id == elderId, async (e, _) =>
        {
            await app.Db(db => db.Elders.Where(x => x.Id == elderId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), Ct));
            e.CareLevel = 4;
            e.Version++;
            return Result.Ok();
        }, null, Ct, announce: Announce);
        Assert.Equal(ResultStatus.Conflict, lost.Status);
        Assert.Equal(1, await FeedRowsAsync());
        Assert.Equal(3, await app.Db(db => db.Elders.Where(e => e.Id == elderId).Select(e => e.CareLevel).SingleAsync(Ct)));
        Assert.Equal(1, pushed.Count(u => u.Topic == "elder.updated"));

        var outside = await change.ApplyAsync(db => db.Elders.Where(e => e.RegionCode.StartsWith(RegionCatalog.ZhongbeiCode)), e => e.Id == elderId,
            _ => Result.Ok(), null, Ct, announce: Announce);
        Assert.Equal(ResultStatus.NotFound, outside.Status);
    }
}
