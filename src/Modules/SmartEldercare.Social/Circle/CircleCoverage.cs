namespace SmartEldercare.Social.Circle;

/// <summary>The nearest resource of a type from a community point.</summary>
public sealed record Nearest(ResourceType Type, Guid ResourceId, string Name, double Meters);

/// <summary>A community's 15-minute circle: the nearest resource of each type, which types are within reach, which are missing.</summary>
public sealed record CommunityCircle(string RegionCode, double Latitude, double Longitude, IReadOnlyList<Nearest> Nearest, IReadOnlyList<ResourceType> Reachable, IReadOnlyList<ResourceType> Missing);

public static class CircleCoverage
{
    /// <summary>For each point, every resource type within <paramref name="meters"/> (straight line) or missing.</summary>
    public static IReadOnlyList<CommunityCircle> Compute(IEnumerable<CommunityPoint> points, IReadOnlyCollection<ServiceResource> resources, double meters)
    {
        var types = Enum.GetValues<ResourceType>();
        var result = new List<CommunityCircle>();
        foreach (var p in points)
        {
            var nearest = resources
                .Select(r => (Resource: r, Meters: Geo.Meters(p.Latitude, p.Longitude, r.Latitude, r.Longitude)))
                .GroupBy(x => x.Resource.Type)
                .Select(g => g.OrderBy(x => x.Meters).First())
                .Select(x => new Nearest(x.Resource.Type, x.Resource.Id, x.Resource.Name, Math.Round(x.Meters)))
                .OrderBy(n => n.Type).ToList();
            var reachable = nearest.Where(n => n.Meters <= meters).Select(n => n.Type).ToList();
            result.Add(new CommunityCircle(p.RegionCode, p.Latitude, p.Longitude, nearest, reachable, [.. types.Except(reachable)]));
        }

        return result;
    }
}
