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
        var alarms = db.Set<Alarm>().AsNoTracking().InRegion(scope);
        var figures = new List<RegionFigure>();

        var today = await alarms.Where(a => a.RaisedAtUtc >= period.TodayStartUtc)
            .GroupBy(a => a.RegionCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(today.Select(r => new RegionFigure(r.Key, DashboardCounters.AlarmsToday, r.Count)));

        // Open = Raised..OnScene: a range on the leading column of the (Status, RegionCode, RaisedAtUtc) index, not a scan.
        var open = await alarms.Where(a => a.Status <= AlarmStatus.OnScene)
            .GroupBy(a => a.RegionCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(open.Select(r => new RegionFigure(r.Key, DashboardCounters.AlarmsOpen, r.Count)));

        // As GetResponseKpis: an alarm still unanswered counts as not answered in time; cancelled unanswered ones are left out.
        var month = await alarms.Where(a => a.RaisedAtUtc >= period.MonthStartUtc && a.Priority != AlarmPriority.DeviceHealth
                                            && (a.Status != AlarmStatus.Cancelled || a.AcknowledgedAtUtc != null))
            .GroupBy(a => a.RegionCode)
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
        var count = await db.Set<Alarm>().AsNoTracking().Where(a => a.RaisedAtUtc >= from && a.RaisedAtUtc < to).InRegion(scope).CountAsync(ct);
        return new Dictionary<string, long> { [DashboardCounters.TrendAlarms] = count };
    }
}
