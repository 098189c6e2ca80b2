using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.Social.Volunteers;

/// <summary>Social's part of the dashboard: volunteers' confirmed service minutes this month (by when the service began).</summary>
public sealed class VolunteerDashboardSource(IDbContextFactory<EldercareDbContext> dbs) : IDashboardSource
{
    public string Name => "social";

    public IReadOnlyList<string> TopicPrefixes { get; } = ["social."];

    public async Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await Confirmed(db, scope, period.MonthStartUtc, DashboardPeriod.Bounds(period.Month).ToUtc)
            .GroupBy(r => r.RegionCode).Select(g => new { g.Key, Minutes = g.Sum(r => r.Minutes) }).ToListAsync(ct);
        return [.. rows.Select(r => new RegionFigure(r.Key, DashboardCounters.VolunteerMinutesMonth, r.Minutes))];
    }

    public async Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct)
    {
        var (from, to) = DashboardPeriod.Bounds(month);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var minutes = await Confirmed(db, scope, from, to).SumAsync(r => (long?)r.Minutes, ct) ?? 0;
        return new Dictionary<string, long> { [DashboardCounters.TrendVolunteerMinutes] = minutes };
    }

    private static IQueryable<ServiceRecord> Confirmed(EldercareDbContext db, string scope, DateTime from, DateTime to) =>
        db.Set<ServiceRecord>().AsNoTracking().InRegion(scope).Where(r => r.Status == ServiceStatus.Confirmed && r.StartUtc >= from && r.StartUtc < to);
}
