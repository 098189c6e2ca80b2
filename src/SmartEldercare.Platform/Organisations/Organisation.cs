namespace SmartEldercare.Platform.Organisations;

public enum OrganisationType
{
    Institution = 1,   // 养老机构
    DayCareCentre = 2, // 日间照料中心
    Canteen = 3,       // 老人家食堂
    ServiceProvider = 4, // 居家服务商
}

/// <summary>An organisation of the district's eldercare resources; scenario modules build on these.</summary>
public sealed class Organisation : Regions.IRegionScoped
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public OrganisationType Type { get; set; }

    public required string RegionCode { get; set; }

    public string? Address { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? LicenceNumber { get; set; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime UpdatedAtUtc { get; set; }

    public int Version { get; set; }
}
