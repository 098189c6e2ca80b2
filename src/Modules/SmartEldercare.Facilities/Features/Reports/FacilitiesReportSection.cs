using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Reporting;

namespace SmartEldercare.Facilities.Features.Reports;

/// <summary>
/// Scenario 5.1 in the monthly report: beds and residents during the month (from the residencies, so a past month is right
/// after discharges), inspections and their scores, hazards raised and closed, per institution.
/// </summary>
public sealed class FacilitiesReportSection(IDbContextFactory<EldercareDbContext> dbs) : MonthlyReportSection("facilities", "Reports.Section.Facilities", 10)
{
    public override async Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (first, last, from, to) = (month.FirstDay, month.NextFirstDay.AddDays(-1), month.StartUtc, month.EndUtc);
        var institutions = await db.Organisations.AsNoTracking().InRegion(scopeRegionCode).Where(o => o.Type == OrganisationType.Institution)
            .OrderBy(o => o.RegionCode).ThenBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var beds = await db.Set<Bed>().AsNoTracking().InRegion(scopeRegionCode).GroupBy(b => b.OrganisationId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var residents = await db.Set<Residency>().AsNoTracking().InRegion(scopeRegionCode)
            .Where(r => r.AdmittedOn <= last && (r.DischargedOn == null || r.DischargedOn >= first))
            .GroupBy(r => r.OrganisationId).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        progress?.Report(0.4);
        var inspections = await db.Set<Inspection>().AsNoTracking().InRegion(scopeRegionCode)
            .Where(i => i.InspectedAtUtc >= from && i.InspectedAtUtc < to).Select(i => new { i.OrganisationId, i.Score }).ToListAsync(ct);
        var hazards = await db.Set<Hazard>().AsNoTracking().InRegion(scopeRegionCode)
            .Where(h => h.RaisedAtUtc >= from && h.RaisedAtUtc < to).Select(h => new { h.OrganisationId, h.Status, h.Risk }).ToListAsync(ct);
        var overdue = await db.Set<Hazard>().AsNoTracking().InRegion(scopeRegionCode)
            .CountAsync(h => h.DeadlineUtc < to && h.RaisedAtUtc < to && h.Status == HazardStatus.Open, ct);
        progress?.Report(0.8);

        var (bedCount, residentCount) = (beds.Values.Sum(), residents.Values.Sum());
        var figures = new List<ReportFigure>
        {
            new("Reports.Facilities.Institutions", ReportFormat.Number(institutions.Count)),
            new("Reports.Facilities.Beds", ReportFormat.Number(bedCount)),
            new("Reports.Facilities.Residents", ReportFormat.Number(residentCount)),
            new("Reports.Facilities.Occupancy", ReportFormat.Percent(bedCount == 0 ? null : (double)residentCount / bedCount)),
            new("Reports.Facilities.Inspections", ReportFormat.Number(inspections.Count)),
            new("Reports.Facilities.AverageScore", ReportFormat.OneDecimal(inspections.Count == 0 ? null : inspections.Average(i => i.Score))),
            new("Reports.Facilities.HazardsRaised", ReportFormat.Number(hazards.Count)),
            new("Reports.Facilities.HazardsClosed", ReportFormat.Number(hazards.Count(h => h.Status == HazardStatus.Verified))),
            new("Reports.Facilities.HazardsOverdue", ReportFormat.Number(overdue)),
        };
        var rows = institutions.Select(o =>
        {
            var mine = inspections.Where(i => i.OrganisationId == o.Id).ToList();
            return (IReadOnlyList<string>)
            [
                o.Name, ReportFormat.Number(beds.GetValueOrDefault(o.Id)), ReportFormat.Number(residents.GetValueOrDefault(o.Id)), ReportFormat.Number(mine.Count),
                ReportFormat.OneDecimal(mine.Count == 0 ? null : mine.Average(i => i.Score)), ReportFormat.Number(hazards.Count(h => h.OrganisationId == o.Id)),
                ReportFormat.Number(hazards.Count(h => h.OrganisationId == o.Id && h.Status != HazardStatus.Verified)),
            ];
        }).ToList();
        progress?.Report(1);
        return new ReportSection(Key, TitleKey, figures,
        [
            new ReportTable("Reports.Facilities.ByInstitution",
                ["Reports.Column.Institution", "Reports.Facilities.Beds", "Reports.Facilities.Residents", "Reports.Facilities.Inspections", "Reports.Facilities.AverageScore", "Reports.Facilities.HazardsRaised", "Reports.Facilities.HazardsOpen"], rows),
        ]);
    }
}
