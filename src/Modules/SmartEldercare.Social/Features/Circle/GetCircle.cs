using FluentValidation;
using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

/// <summary>One street's circle: its communities (with or without a point), the resources around them, the distance used.</summary>
public sealed record CircleView(int CircleMeters, string? StreetCode, IReadOnlyList<StreetOption> Streets, IReadOnlyList<CommunityRow> Communities, IReadOnlyList<ResourceRow> Resources);

/// <summary>A street's 15-minute circle for the plot and table (the user's own street, or a chosen one for the district).</summary>
public static class GetCircle
{
    public sealed record Query(string? StreetCode = null) : RequiresPermission(Permissions.SocialRead), IQuery<CircleView>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, SocialOptions options) : IQueryHandler<Query, CircleView>
    {
        public async ValueTask<CircleView> Handle(Query query, CancellationToken cancellationToken)
        {
            var all = await regions.AllAsync(cancellationToken);
            var streets = all.Values.Where(r => r.Level == RegionLevel.Street && (RegionScope.Contains(user.RegionCode, r.Code) || RegionScope.Contains(r.Code, user.RegionCode)))
                .OrderBy(r => r.SortOrder).Select(r => new StreetOption(r.Code, r.Name)).ToList();
            var street = streets.FirstOrDefault(s => s.Code == query.StreetCode)?.Code ?? streets.FirstOrDefault()?.Code;
            if (street is null)
            {
                return new CircleView(options.CircleMeters, null, [], [], []);
            }

            // A village user sees its own community within its street's plot.
            var scope = user.RegionCode.Length > street.Length ? user.RegionCode : street;
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (rows, resources) = await CircleData.CommunitiesAsync(db, scope, all, options.CircleMeters, cancellationToken);
            var located = rows.Where(r => r.Latitude is not null).ToList();
            var near = located.Count == 0 ? [] : resources.Where(r => located.Any(c => Geo.Meters(c.Latitude!.Value, c.Longitude!.Value, r.Latitude, r.Longitude) <= options.CircleMeters * 1.5)).ToList();
            return new CircleView(options.CircleMeters, street, streets, rows, [.. near.OrderBy(r => r.Type).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => CircleData.Row(r, all))]);
        }
    }
}
