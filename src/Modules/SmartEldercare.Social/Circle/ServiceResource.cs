namespace SmartEldercare.Social.Circle;

/// <summary>The kinds of service a 15-minute eldercare circle (15分钟养老服务圈) should offer every community.</summary>
public enum ResourceType
{
    Institution,    // 养老机构
    DayCareCentre,  // 日间照料中心
    Canteen,        // 老人家食堂
    Clinic,         // 卫生服务站
    ServiceProvider, // 居家服务商
    ActivityVenue,  // 活动场所
}

/// <summary>An eldercare resource on the map: what it is, where it is, and optionally the platform organisation behind it.</summary>
public sealed class ServiceResource : IRegionScoped
{
    public const int NameMaxLength = 100;
    public const int TextMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = string.Empty;

    public ResourceType Type { get; set; }

    /// <summary>The village or street it stands in.</summary>
    public string RegionCode { get; set; } = string.Empty;

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public Guid? OrganisationId { get; set; }

    public string? Address { get; set; }

    /// <summary>What it offers (opening hours, services).</summary>
    public string? Offers { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A community's (village's) reference point for the circle: its service centre or committee office.</summary>
public sealed class CommunityPoint : IRegionScoped
{
    /// <summary>The village (12 digits).</summary>
    public string RegionCode { get; init; } = string.Empty;

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

public static class Geo
{
    private const double EarthRadiusMeters = 6_371_000;

    /// <summary>Great-circle (haversine) distance in metres.</summary>
    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
