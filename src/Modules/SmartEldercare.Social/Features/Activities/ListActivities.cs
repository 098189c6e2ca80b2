using FluentValidation;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

/// <summary>The classes and events the user's scope sees (its own and the street's or district's above it).</summary>
public static class ListActivities
{
    public sealed record Query(ActivityTrack? Track = null, bool DigitalOnly = false) : RequiresPermission(Permissions.SocialRead), IQuery<IReadOnlyList<ActivityRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<ActivityRow>>
    {
        public async ValueTask<IReadOnlyList<ActivityRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var activities = db.Set<Activity>().AsNoTracking().VisibleTo(user.RegionCode);
            if (query.Track is { } track)
            {
                activities = activities.Where(a => a.Track == track);
            }
            else if (query.DigitalOnly)
            {
                activities = activities.Where(a => a.Track != ActivityTrack.General);
            }

            return await ActivityRows.RowsAsync(db, activities, await regions.AllAsync(cancellationToken), clock.UtcNow(), cancellationToken);
        }
    }
}
