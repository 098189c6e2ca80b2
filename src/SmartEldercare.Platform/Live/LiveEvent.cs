namespace SmartEldercare.Platform.Live;

/// <summary>The stored form of a <see cref="LiveUpdate"/>: the consoles' feed reloads from here, so a lost push loses nothing.</summary>
public sealed class LiveEvent : Regions.IRegionScoped
{
    public Guid Id { get; init; }

    public required string RegionCode { get; init; }

    public required string Topic { get; init; }

    public string? RecordId { get; init; }

    public DateTime AtUtc { get; init; }
}
