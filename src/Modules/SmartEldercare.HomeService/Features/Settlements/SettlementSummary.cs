using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService.Features.Settlements;

public sealed record SettlementSummary(
    Guid Id, Guid ProviderId, string ProviderName, string RegionCode, int Month, SettlementStatus Status, int Visits, int Units,
    decimal Amount, decimal Subsidy, decimal SelfPay, int Excluded, DateTime GeneratedAtUtc, string GeneratedBy,
    string? StreetApprovedBy, DateTime? StreetApprovedAtUtc, string? DistrictApprovedBy, DateTime? DistrictApprovedAtUtc);
