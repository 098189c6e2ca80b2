namespace SmartEldercare.Facilities.Institutions;

public enum LicenceStatus
{
    Valid,
    ExpiringSoon,
    Expired,
    Missing,
}

/// <summary>
/// The supervision profile of an institution or day-care centre (the platform's organisation): its licence (养老机构
/// 备案/许可), star rating, approved capacity, services and contact. One per organisation, created on first save.
/// </summary>
public sealed class FacilityProfile : IFacilityRecord
{
    public const int TextMaxLength = 100;
    public const int ServicesMaxLength = 500;
    public const int WarnDaysBeforeExpiry = 30;

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; set; }

    public string? LicenceNumber { get; set; }

    public string? LicenceIssuer { get; set; }

    public DateOnly? LicenceValidUntil { get; set; }

    /// <summary>0 (not rated) to 5 stars (养老机构等级).</summary>
    public int StarRating { get; set; }

    /// <summary>Approved beds (核定床位).</summary>
    public int Capacity { get; set; }

    public string? Services { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public int Version { get; set; }

    public LicenceStatus LicenceStatusOn(DateOnly today) => Licence(LicenceNumber, LicenceValidUntil, today);

    public static LicenceStatus Licence(string? number, DateOnly? validUntil, DateOnly today) =>
        string.IsNullOrWhiteSpace(number) || validUntil is null ? LicenceStatus.Missing
        : validUntil.Value < today ? LicenceStatus.Expired
        : validUntil.Value <= today.AddDays(WarnDaysBeforeExpiry) ? LicenceStatus.ExpiringSoon
        : LicenceStatus.Valid;
}
