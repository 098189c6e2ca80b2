using FluentValidation;
using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

internal static class CircleData
{
    public static ResourceRow Row(ServiceResource r, IReadOnlyDictionary<string, Region> regions) =>
        new(r.Id, r.Name, r.Type, r.RegionCode, regions.GetValueOrDefault(r.RegionCode)?.Name ?? r.RegionCode, r.Latitude, r.Longitude, r.OrganisationId, r.Address, r.Offers);

    /// <summary>Every village of the scope with its circle; resources anywhere in the district count (a clinic across the boundary still serves).</summary>
    public static async Task<(List<CommunityRow> Rows, List<ServiceResource> Resources)> CommunitiesAsync(EldercareDbContext db, string scope, IReadOnlyDictionary<string, Region> regions, int meters, CancellationToken ct)
    {
        var points = await db.Set<CommunityPoint>().AsNoTracking().InRegion(scope).ToListAsync(ct);
        var resources = await db.Set<ServiceResource>().AsNoTracking().InRegion(scope[..Math.Min(6, scope.Length)]).ToListAsync(ct);
        var circles = CircleCoverage.Compute(points, resources, meters).ToDictionary(c => c.RegionCode, StringComparer.Ordinal);
        var all = Enum.GetValues<ResourceType>();
        var rows = regions.Values.Where(r => r.Level == RegionLevel.Village && RegionScope.Contains(scope, r.Code)).OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r =>
            {
                var street = r.Code[..9];
                var streetName = regions.GetValueOrDefault(street)?.Name ?? street;
                return circles.TryGetValue(r.Code, out var c)
                    ? new CommunityRow(r.Code, r.Name, street, streetName, c.Latitude, c.Longitude, c.Nearest, c.Reachable, c.Missing)
                    : new CommunityRow(r.Code, r.Name, street, streetName, null, null, [], [], all);
            }).ToList();
        return (rows, resources);
    }
}
