using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Kpi;
using SmartEldercare.Platform.Reporting;

namespace SmartEldercare.Emergency.Features.Reports;

/// <summary>Scenario 5.5 in the monthly report: the month's response KPIs (the KPI page's own query), alarms by type and by sub-region.</summary>
public sealed class EmergencyReportSection(IDbContextFactory<EldercareDbContext> dbs, RegionDirectory regions) : MonthlyReportSection("emergency", "Reports.Section.Emergency", 50)
{
    public override async Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct)
    {
        List<GetResponseKpis.Row> rows;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            rows = await GetResponseKpis.Handler.RowsAsync(db, scopeRegionCode, month.Year, month.Month, ct);
        }

        progress?.Report(0.5);
        var f = GetResponseKpis.Handler.Figures(rows);
        var figures = new List<ReportFigure>
        {
            new("Kpi.Alarms", ReportFormat.Number(f.Alarms)),
            new("Kpi.Within60", ReportFormat.Percent(f.AcknowledgedWithin60s)),
            new("Kpi.Within180", ReportFormat.Percent(f.AcknowledgedWithin180s)),
            new("Reports.Emergency.AckMedianSeconds", ReportFormat.OneDecimal(f.MedianSecondsToAcknowledge)),
            new("Reports.Emergency.SceneMedianMinutes", ReportFormat.OneDecimal(f.MedianMinutesToScene)),
            new("Kpi.FalseAlarms", ReportFormat.Percent(f.FalseAlarmRate)),
        };
        var byType = Enum.GetValues<AlarmType>().Where(t => Alarm.PriorityOf(t) != AlarmPriority.DeviceHealth)
            .Select(t => (IReadOnlyList<string>)[$"AlarmType.{t}", ReportFormat.Number(rows.Count(r => r.Type == t))]).ToList();

        var all = await regions.AllAsync(ct);
        var childLength = scopeRegionCode.Length == 6 ? 9 : 12;
        var bySubRegion = all.Values.Where(r => r.ParentCode == scopeRegionCode).OrderBy(r => r.SortOrder).Select(r =>
        {
            var sub = GetResponseKpis.Handler.Figures([.. rows.Where(x => x.RegionCode.Length >= childLength && x.RegionCode[..childLength] == r.Code)]);
            return (IReadOnlyList<string>)[r.Name, ReportFormat.Number(sub.Alarms), ReportFormat.Percent(sub.AcknowledgedWithin60s), ReportFormat.Percent(sub.AcknowledgedWithin180s), ReportFormat.Percent(sub.FalseAlarmRate)];
        }).ToList();

        var details = rows.OrderBy(r => r.RaisedAtUtc).Select(r => (IReadOnlyList<string>)
        [
            ShanghaiTime.Format(r.RaisedAtUtc), $"AlarmType.{r.Type}", all.GetValueOrDefault(r.RegionCode)?.Name ?? r.RegionCode, $"AlarmStatus.{r.Status}",
            r.AcknowledgedAtUtc is { } at ? ReportFormat.Number((long)(at - r.RaisedAtUtc).TotalSeconds) : "-",
            r.Outcome is { } o ? $"AlarmOutcome.{o}" : "Reports.None",
        ]).ToList();
        progress?.Report(1);
        return new ReportSection(Key, TitleKey, figures,
        [
            new ReportTable("Kpi.ByType", ["Reports.Column.Type", "Kpi.Alarms"], byType, [0]),
            new ReportTable("Kpi.BySubRegion", ["Reports.Column.Region", "Kpi.Alarms", "Kpi.Within60", "Kpi.Within180", "Kpi.FalseAlarms"], bySubRegion),
            new ReportTable("Reports.Emergency.Alarms", ["Reports.Column.Time", "Reports.Column.Type", "Reports.Column.Region", "Reports.Column.Status", "Reports.Emergency.AckSeconds", "Reports.Emergency.Outcome"], details, [1, 3, 5]),
        ]);
    }
}
