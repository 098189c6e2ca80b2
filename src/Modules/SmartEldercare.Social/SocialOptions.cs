namespace SmartEldercare.Social;

/// <summary>Section <c>Social</c>: the 15-minute circle, the district's bounding box and the meal subsidies.</summary>
public sealed class SocialOptions
{
    /// <summary>A resource this close (straight line) to a community point counts as within the 15-minute circle.</summary>
    public int CircleMeters { get; set; } = 1000;

    /// <summary>The district's bounding box: coordinates outside it are refused (西青区 by default).</summary>
    public double MinLatitude { get; set; } = 38.93;

    public double MaxLatitude { get; set; } = 39.20;

    public double MinLongitude { get; set; } = 116.95;

    public double MaxLongitude { get; set; } = 117.30;

    /// <summary>Meal subsidy per meal in fen (分) by key group; an elder in several groups gets the highest.</summary>
    public Dictionary<string, long> MealSubsidyFen { get; set; } = new(StringComparer.Ordinal)
    {
        ["Aged80"] = 300,
        ["LivingAlone"] = 300,
        ["EmptyNest"] = 200,
        ["Disabled"] = 500,
        ["LowIncome"] = 500,
        ["Destitute"] = 800,
    };

    public bool Inside(double latitude, double longitude) =>
        latitude >= MinLatitude && latitude <= MaxLatitude && longitude >= MinLongitude && longitude <= MaxLongitude;
}
