using FluentValidation;
using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

public sealed record GapRow(string RegionCode, string Name, string StreetName, bool Located, IReadOnlyList<ResourceType> Missing);

/// <summary>The communities of the scope missing a service type within the circle (or without a point at all): what the district plans from.</summary>
public static class ListCircleGaps
{
    public sealed record Query() : RequiresPermission(Permissions.SocialRead), IQuery<IReadOnlyList<GapRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, SocialOptions options) : IQueryHandler<Query, IReadOnlyList<GapRow>>
    {
        public async ValueTask<IReadOnlyList<GapRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var (rows, _) = await CircleData.CommunitiesAsync(db, user.RegionCode, await regions.AllAsync(cancellationToken), options.CircleMeters, cancellationToken);
            return [.. rows.Where(r => r.Missing.Count > 0).OrderByDescending(r => r.Missing.Count).ThenBy(r => r.RegionCode, StringComparer.Ordinal)
                .Select(r => new GapRow(r.RegionCode, r.Name, r.StreetName, r.Latitude is not null, r.Missing))];
        }
    }
}
