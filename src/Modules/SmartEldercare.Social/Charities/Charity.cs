namespace SmartEldercare.Social.Charities;

/// <summary>A charity or social organisation (公益慈善/社会组织) that serves the district's elders, with what it offers.</summary>
public sealed class Charity : IRegionScoped
{
    public const int NameMaxLength = 100;
    public const int TextMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = string.Empty;

    /// <summary>The street or village it is registered in (or the district).</summary>
    public string RegionCode { get; set; } = string.Empty;

    public string Offers { get; set; } = string.Empty;

    public string? ContactName { get; set; }

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public string? ContactPhone { get; set; }

    public DateTime CreatedAtUtc { get; init; }
}

/// <summary>Something a charity did for elders: the activity record.</summary>
public sealed class CharityActivity : IRegionScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CharityId { get; init; }

    /// <summary>The charity's region.</summary>
    public string RegionCode { get; init; } = string.Empty;

    public DateOnly Date { get; init; }

    public string Title { get; init; } = string.Empty;

    public int Beneficiaries { get; init; }

    public string? Notes { get; init; }

    public string RecordedBy { get; init; } = string.Empty;
}
