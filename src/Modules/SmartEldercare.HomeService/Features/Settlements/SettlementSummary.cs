using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService.Features.Settlements;

/// <summary>A provider's month at a glance; money in fen (yuan numbers in the API's JSON).</summary>
public sealed record SettlementSummary(
    Guid Id, Guid ProviderId, string ProviderName, string RegionCode, int Month, SettlementStatus Status, int Visits, int Units,
    [property: JsonYuan] long Amount, [property: JsonYuan] long Subsidy, [property: JsonYuan] long SelfPay, int Excluded, DateTime GeneratedAtUtc, string GeneratedBy,
    string? StreetApprovedBy, DateTime? StreetApprovedAtUtc, string? DistrictApprovedBy, DateTime? DistrictApprovedAtUtc);
