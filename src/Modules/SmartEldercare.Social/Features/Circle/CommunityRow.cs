using SmartEldercare.Social.Circle;

namespace SmartEldercare.Social.Features.Circle;

public sealed record CommunityRow(string RegionCode, string Name, string StreetCode, string StreetName, double? Latitude, double? Longitude,
    IReadOnlyList<Nearest> Nearest, IReadOnlyList<ResourceType> Reachable, IReadOnlyList<ResourceType> Missing);
