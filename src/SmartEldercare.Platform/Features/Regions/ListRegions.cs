using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Regions;

public sealed record RegionNode(string Code, string Name, RegionLevel Level, string? ParentCode, int ActiveElders);

/// <summary>The regions of the user's scope (their own region and everything below it), with active-elder counts.</summary>
public static class ListRegions
{
    public sealed record Query() : RequiresPermission(Permissions.RegionsRead), IQuery<IReadOnlyList<RegionNode>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions)
        : IQueryHandler<Query, IReadOnlyList<RegionNode>>
    {
        public async ValueTask<IReadOnlyList<RegionNode>> Handle(Query query, CancellationToken cancellationToken)
        {
            var all = await regions.AllAsync(cancellationToken);
            var scope = user.RegionCode;
            var inScope = all.Values.Where(r => RegionScope.Contains(scope, r.Code)).ToList();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            if (user.Has(Permissions.EldersRead))
            {
                await using var db = await dbs.CreateDbContextAsync(cancellationToken);
                var perVillage = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Status == ElderStatus.Active)
                    .GroupBy(e => e.RegionCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
                foreach (var row in perVillage)
                {
                    // Roll each village's count up to its street and the district.
                    for (var c = row.Key; c is not null && all.TryGetValue(c, out var r); c = r.ParentCode)
                    {
                        counts[c] = counts.GetValueOrDefault(c) + row.Count;
                    }
                }
            }

            return [.. inScope.OrderBy(r => r.Level).ThenBy(r => r.ParentCode, StringComparer.Ordinal).ThenBy(r => r.SortOrder)
                .Select(r => new RegionNode(r.Code, r.Name, r.Level, r.ParentCode, counts.GetValueOrDefault(r.Code)))];
        }
    }
}
