using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService.Features.Settlements;

internal static class SettlementViews
{
    public static SettlementSummary Summary(Settlement s) => new(
        s.Id, s.ProviderId, s.ProviderName, s.RegionCode, s.Month, s.Status, s.Visits, s.Units, s.Amount, s.Subsidy, s.SelfPay, s.Excluded,
        s.GeneratedAtUtc, s.GeneratedBy, s.StreetApprovedBy, s.StreetApprovedAtUtc, s.DistrictApprovedBy, s.DistrictApprovedAtUtc);
}
