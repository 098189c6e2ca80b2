using FluentValidation;
using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

/// <summary>The resources of the scope.</summary>
public static class ListResources
{
    public sealed record Query(ResourceType? Type = null) : RequiresPermission(Permissions.SocialRead), IQuery<IReadOnlyList<ResourceRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<ResourceRow>>
    {
        public async ValueTask<IReadOnlyList<ResourceRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var resources = db.Set<ServiceResource>().AsNoTracking().InScopeOf(user);
            if (query.Type is { } type)
            {
                resources = resources.Where(r => r.Type == type);
            }

            var all = await regions.AllAsync(cancellationToken);
            return [.. (await resources.OrderBy(r => r.RegionCode).ThenBy(r => r.Name).ToListAsync(cancellationToken)).Select(r => CircleData.Row(r, all))];
        }
    }
}
