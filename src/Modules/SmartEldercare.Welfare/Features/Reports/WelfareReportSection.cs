using SmartEldercare.Platform.Reporting;
using SmartEldercare.Welfare.Allowance;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare.Features.Reports;

/// <summary>Scenario 5.2 in the monthly report: visits due in the month and done, and the month's longevity-allowance lists.</summary>
public sealed class WelfareReportSection(IDbContextFactory<EldercareDbContext> dbs, RegionDirectory regions) : MonthlyReportSection("welfare", "Reports.Section.Welfare", 20)
{
    public override async Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (first, last) = (month.FirstDay, month.NextFirstDay.AddDays(-1));
        var visits = await db.Set<Visit>().AsNoTracking().InRegion(scopeRegionCode)
            .Where(v => v.DueDate >= first && v.DueDate <= last)
            .OrderBy(v => v.DueDate).ThenBy(v => v.RegionCode)
            .Select(v => new { v.DueDate, v.ElderName, v.RegionCode, v.Tier, v.Status, v.VisitedOn, v.Mode })
            .ToListAsync(ct);
        progress?.Report(0.5);
        var lists = await db.Set<AllowanceList>().AsNoTracking().InRegion(scopeRegionCode).Where(a => a.Month == month.Number)
            .OrderBy(a => a.RegionCode).Select(a => new { a.RegionCode, a.Status, a.Elders, a.Total }).ToListAsync(ct);
        var all = await regions.AllAsync(ct);
        string NameOf(string code) => all.GetValueOrDefault(code)?.Name ?? code;

        var done = visits.Count(v => v.Status == VisitStatus.Done);
        var approved = lists.Where(a => a.Status == AllowanceListStatus.DistrictApproved).ToList();
        var figures = new List<ReportFigure>
        {
            new("Reports.Welfare.VisitsDue", ReportFormat.Number(visits.Count)),
            new("Reports.Welfare.VisitsDone", ReportFormat.Number(done)),
            new("Reports.Welfare.VisitsDoneShare", ReportFormat.Percent(visits.Count == 0 ? null : (double)done / visits.Count)),
            new("Reports.Welfare.VisitsOnTime", ReportFormat.Number(visits.Count(v => v.VisitedOn is { } d && d <= v.DueDate))),
            new("Reports.Welfare.AllowanceElders", ReportFormat.Number(lists.Sum(a => a.Elders))),
            new("Reports.Welfare.AllowanceTotal", ReportFormat.Money(lists.Sum(a => a.Total))),
            new("Reports.Welfare.AllowancePaid", ReportFormat.Money(approved.Sum(a => a.Total))),
        };
        progress?.Report(1);
        return new ReportSection(Key, TitleKey, figures,
        [
            new ReportTable("Reports.Welfare.AllowanceLists", ["Reports.Column.Region", "Reports.Column.Status", "Welfare.Allowance.Elders", "Welfare.Allowance.Total"],
                [.. lists.Select(a => (IReadOnlyList<string>)[NameOf(a.RegionCode), $"AllowanceListStatus.{a.Status}", ReportFormat.Number(a.Elders), ReportFormat.Money(a.Total)])], [1]),
            new ReportTable("Reports.Welfare.Visits", ["Reports.Column.DueDate", "Reports.Column.Elder", "Reports.Column.Region", "Reports.Welfare.Tier", "Reports.Column.Status", "Reports.Welfare.VisitedOn"],
                [.. visits.Select(v => (IReadOnlyList<string>)[ReportFormat.Date(v.DueDate), Masking.Name(v.ElderName), NameOf(v.RegionCode), $"RiskTier.{v.Tier}", $"VisitStatus.{v.Status}", v.VisitedOn is { } d ? ReportFormat.Date(d) : "-"])], [3, 4]),
        ]);
    }
}
