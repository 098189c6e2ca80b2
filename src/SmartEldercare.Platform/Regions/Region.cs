namespace SmartEldercare.Platform.Regions;

public enum RegionLevel
{
    District = 1,
    Street = 2,
    Village = 3,
}

/// <summary>A region by China's statistical division code: district 6 digits, street/town 9, village/community 12.</summary>
public sealed class Region
{
    public const int MaxCodeLength = 12;

    public required string Code { get; init; }

    public required string Name { get; set; }

    public RegionLevel Level { get; init; }

    public string? ParentCode { get; init; }

    public int SortOrder { get; set; }

    public static RegionLevel? LevelOf(string? code) => code?.Length switch
    {
        6 => RegionLevel.District,
        9 => RegionLevel.Street,
        12 => RegionLevel.Village,
        _ => null,
    };
}
