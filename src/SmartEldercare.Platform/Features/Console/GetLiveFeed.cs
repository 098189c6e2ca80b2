using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Console;

/// <summary>The newest events of the user's scope, from the database (what a console shows after a reconnect).</summary>
public static class GetLiveFeed
{
    public sealed record Query(int Take = 30) : RequiresPermission(Permissions.RegionsRead), IQuery<IReadOnlyList<LiveUpdate>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<LiveUpdate>>
    {
        public async ValueTask<IReadOnlyList<LiveUpdate>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.LiveEvents.AsNoTracking().InScopeOf(user)
                .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(Math.Clamp(query.Take, 1, 200))
                .Select(e => new LiveUpdate(e.Id, e.RegionCode, e.Topic, e.RecordId, e.AtUtc))
                .ToListAsync(cancellationToken);
        }
    }
}
