using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>The volunteers of the scope with their time-bank balance.</summary>
public static class ListVolunteers
{
    public sealed record Query() : RequiresPermission(Permissions.SocialRead), IQuery<IReadOnlyList<VolunteerRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<VolunteerRow>>
    {
        public async ValueTask<IReadOnlyList<VolunteerRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var volunteers = await db.Set<Volunteer>().AsNoTracking().InScopeOf(user).OrderBy(v => v.RegionCode).ThenBy(v => v.Name).ToListAsync(cancellationToken);
            return [.. volunteers.Select(v => VolunteerRows.Row(v, all))];
        }
    }
}
