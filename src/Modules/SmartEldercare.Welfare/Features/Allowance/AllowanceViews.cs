using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

internal static class AllowanceViews
{
    public static AllowanceListSummary Summary(AllowanceList a, IReadOnlyDictionary<string, Region> regions) => new(
        a.Id, a.RegionCode, regions.GetValueOrDefault(a.RegionCode)?.Name ?? a.RegionCode, a.Month, a.Status, a.Elders, a.Total, a.GeneratedAtUtc, a.GeneratedBy,
        a.VillageApprovedBy, a.VillageApprovedAtUtc, a.StreetApprovedBy, a.StreetApprovedAtUtc, a.DistrictApprovedBy, a.DistrictApprovedAtUtc);

    public static AllowanceLineView Line(AllowanceLine x) => new(x.ElderId, x.ElderName, new string('*', 14) + x.IdNumberTail, x.BirthDate.Year, x.Age, x.BandFromAge, x.Amount);
}
