using SmartEldercare.Platform.Reporting;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Canteens;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Reports;

/// <summary>Scenario 5.4 in the monthly report: activity sessions and attendance, confirmed volunteer hours, canteen meals.</summary>
public sealed class SocialReportSection(IDbContextFactory<EldercareDbContext> dbs) : MonthlyReportSection("social", "Reports.Section.Social", 40)
{
    public override async Task<ReportSection> BuildAsync(string scopeRegionCode, ReportMonth month, IProgress<double>? progress, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (from, to, first, last) = (month.StartUtc, month.EndUtc, month.FirstDay, month.NextFirstDay.AddDays(-1));
        var activities = db.Set<Activity>().AsNoTracking().InRegion(scopeRegionCode).Select(a => a.Id);
        var sessionIds = await db.Set<ActivitySession>().AsNoTracking()
            .Where(s => activities.Contains(s.ActivityId) && s.StartsAtUtc >= from && s.StartsAtUtc < to).Select(s => s.Id).ToListAsync(ct);
        var attendance = sessionIds.Count == 0 ? 0 : await db.Set<Attendance>().AsNoTracking().InRegion(scopeRegionCode).CountAsync(a => sessionIds.Contains(a.SessionId), ct);
        progress?.Report(0.4);
        var service = await db.Set<ServiceRecord>().AsNoTracking().InRegion(scopeRegionCode)
            .Where(r => r.Status == ServiceStatus.Confirmed && r.StartUtc >= from && r.StartUtc < to)
            .GroupBy(r => new { r.VolunteerId, r.VolunteerName })
            .Select(g => new { g.Key.VolunteerName, Records = g.Count(), Minutes = g.Sum(r => r.Minutes) })
            .ToListAsync(ct);
        var meals = await db.Set<MealDay>().AsNoTracking().InRegion(scopeRegionCode).Where(m => m.Date >= first && m.Date <= last)
            .Select(m => new { m.DineIn, m.Delivery }).ToListAsync(ct);
        progress?.Report(0.8);

        var figures = new List<ReportFigure>
        {
            new("Reports.Social.Sessions", ReportFormat.Number(sessionIds.Count)),
            new("Reports.Social.Attendance", ReportFormat.Number(attendance)),
            new("Reports.Social.Volunteers", ReportFormat.Number(service.Count)),
            new("Reports.Social.VolunteerHours", ReportFormat.OneDecimal(service.Sum(s => s.Minutes) / 60.0)),
            new("Reports.Social.MealsDineIn", ReportFormat.Number(meals.Sum(m => m.DineIn))),
            new("Reports.Social.MealsDelivered", ReportFormat.Number(meals.Sum(m => m.Delivery))),
        };
        var rows = service.OrderByDescending(s => s.Minutes).ThenBy(s => s.VolunteerName, StringComparer.Ordinal)
            .Select(s => (IReadOnlyList<string>)[Masking.Name(s.VolunteerName), ReportFormat.Number(s.Records), ReportFormat.OneDecimal(s.Minutes / 60.0)]).ToList();
        progress?.Report(1);
        return new ReportSection(Key, TitleKey, figures,
        [
            new ReportTable("Reports.Social.VolunteerTable", ["Reports.Column.Volunteer", "Reports.Social.Records", "Reports.Social.VolunteerHours"], rows),
        ]);
    }
}
