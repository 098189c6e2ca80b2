using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Emergency.Alarms;

/// <summary>
/// Emergency's part of the dashboard: alarms raised today, open alarms, and this month's emergency alarms (device-health
/// ones left out, as in the response KPIs) with those acknowledged within 60 s — each one grouped query per region on an index.
/// </summary>
public sealed class AlarmDashboardSource(IDbContextFactory<EldercareDbContext> dbs) : IDashboardSource
{
    public string Name => "emergency";

    public IReadOnlyList<string> TopicPrefixes { get; } = ["alarm."];

    public async Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // The region is compared and grouped as an expression (RegionCode || ''), not as the column: on the column,
        // SQLite's planner walks the (RegionCode, RaisedAtUtc) index to have the groups in order and looks every alarm
        // up in the table — 16 s for the open alarms among 1,000,000. As an expression, the Status and RaisedAtUtc
        // ranges choose covering indexes and the grouping sorts the few rows they select (milliseconds; bench/ dashboard).
        var alarms = db.Set<Alarm>().AsNoTracking().WithinRegion(a => a.RegionCode + "", scope);
        var figures = new List<RegionFigure>();

        var today = await alarms.Where(a => a.RaisedAtUtc >= period.TodayStartUtc)
            .GroupBy(a => a.RegionCode + "").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(today.Select(r => new RegionFigure(r.Key, DashboardCounters.AlarmsToday, r.Count)));

        // Open = Raised..OnScene: a range on the leading column of the covering (Status, RegionCode, RaisedAtUtc) index.
        var open = await alarms.Where(a => a.Status <= AlarmStatus.OnScene)
            .GroupBy(a => a.RegionCode + "").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(open.Select(r => new RegionFigure(r.Key, DashboardCounters.AlarmsOpen, r.Count)));

        // As GetResponseKpis: an alarm still unanswered counts as not answered in time; cancelled unanswered ones are left out.
        var month = await alarms.Where(a => a.RaisedAtUtc >= period.MonthStartUtc && a.Priority != AlarmPriority.DeviceHealth
                                            && (a.Status != AlarmStatus.Cancelled || a.AcknowledgedAtUtc != null))
            .GroupBy(a => a.RegionCode + "")
            .Select(g => new
            {
                g.Key,
                Count = g.Count(),
                Within60 = g.Count(a => a.AcknowledgedAtUtc != null && a.AcknowledgedAtUtc <= a.RaisedAtUtc.AddSeconds(60)),
            })
            .ToListAsync(ct);
        figures.AddRange(month.Select(r => new RegionFigure(r.Key, DashboardCounters.AlarmsAnswerableMonth, r.Count)));
        figures.AddRange(month.Select(r => new RegionFigure(r.Key, DashboardCounters.AlarmsAckedWithin60sMonth, r.Within60)));
        return figures;
    }

    public async Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct)
    {
        var (from, to) = DashboardPeriod.Bounds(month);
        await using var db = await dbs.CreateDbContextAsync(ct);
        // The region as an expression again, so that the month's RaisedAtUtc range drives the (covering) index.
        var count = await db.Set<Alarm>().AsNoTracking().Where(a => a.RaisedAtUtc >= from && a.RaisedAtUtc < to).WithinRegion(a => a.RegionCode + "", scope).CountAsync(ct);
        return new Dictionary<string, long> { [DashboardCounters.TrendAlarms] = count };
    }
}
