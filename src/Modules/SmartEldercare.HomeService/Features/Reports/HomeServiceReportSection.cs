using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Kpi;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Reporting;

namespace SmartEldercare.HomeService.Features.Reports;

/// <summary>Scenario 5.3 in the monthly report: the month's orders by service type, on-time and completion (the KPI page's query), verification and complaints.</summary>
public sealed class HomeServiceReportSection(IDbContextFactory<EldercareDbContext> dbs, RegionDirectory regions, HomeServiceOptions options) : MonthlyReportSection("homeservice", "Reports.Section.HomeService", 30)
{
    public override async Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct)
    {
        List<GetServiceKpis.Row> rows;
        List<GetServiceKpis.Opinion> opinions;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            (rows, opinions) = await GetServiceKpis.Handler.LoadAsync(db, scopeRegionCode, month.Number, ct);
        }

        progress?.Report(0.5);
        var total = GetServiceKpis.Handler.Figures(rows, opinions, month.Number, options.LateAfterMinutes);
        var verified = rows.Count(r => r.Status == OrderStatus.Verified);
        var figures = new List<ReportFigure>
        {
            new("Reports.HomeService.Orders", ReportFormat.Number(total.Orders)),
            new("Reports.HomeService.Verified", ReportFormat.Number(verified)),
            new("Reports.HomeService.Missed", ReportFormat.Number(rows.Count(r => r.Status == OrderStatus.Missed))),
            new("Reports.HomeService.OnTime", ReportFormat.Percent(total.Quality.OnTimeRate)),
            new("Reports.HomeService.Completion", ReportFormat.Percent(total.Quality.CompletionRate)),
            new("Reports.HomeService.Satisfaction", ReportFormat.OneDecimal(total.Quality.Satisfaction)),
            new("Reports.HomeService.Complaints", ReportFormat.Number(opinions.Count(o => o.IsComplaint))),
        };
        var byCategory = Enum.GetValues<ServiceCategory>().Select(c =>
        {
            var subset = rows.Where(r => r.Category == c).ToList();
            return (IReadOnlyList<string>)[$"ServiceCategory.{c}", ReportFormat.Number(subset.Count), ReportFormat.Number(subset.Count(r => r.Status == OrderStatus.Verified))];
        }).ToList();

        var all = await regions.AllAsync(ct);
        var childLength = scopeRegionCode.Length == 6 ? 9 : 12;
        var bySubRegion = all.Values.Where(r => r.ParentCode == scopeRegionCode).OrderBy(r => r.SortOrder).Select(r =>
        {
            var subset = rows.Where(x => x.RegionCode.Length >= childLength && x.RegionCode[..childLength] == r.Code).ToList();
            var f = GetServiceKpis.Handler.Figures(subset, opinions, month.Number, options.LateAfterMinutes);
            return (IReadOnlyList<string>)[r.Name, ReportFormat.Number(f.Orders), ReportFormat.Percent(f.Quality.OnTimeRate), ReportFormat.Percent(f.Quality.CompletionRate), ReportFormat.Number(f.Quality.Complaints)];
        }).ToList();
        progress?.Report(1);
        return new ReportSection(Key, TitleKey, figures,
        [
            new ReportTable("Reports.HomeService.ByCategory", ["Reports.Column.Type", "Reports.HomeService.Orders", "Reports.HomeService.Verified"], byCategory, [0]),
            new ReportTable("Reports.BySubRegion", ["Reports.Column.Region", "Reports.HomeService.Orders", "Reports.HomeService.OnTime", "Reports.HomeService.Completion", "Reports.HomeService.Complaints"], bySubRegion),
        ]);
    }
}
