using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record AllowanceListSummary(
    Guid Id, string RegionCode, string RegionName, int Month, AllowanceListStatus Status, int Elders, [property: JsonYuan] long Total, DateTime GeneratedAtUtc, string GeneratedBy,
    string? VillageApprovedBy, DateTime? VillageApprovedAtUtc, string? StreetApprovedBy, DateTime? StreetApprovedAtUtc, string? DistrictApprovedBy, DateTime? DistrictApprovedAtUtc);
