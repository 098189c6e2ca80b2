using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Allowance;
using SmartEldercare.Welfare.Features.Away;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare;

/// <summary>
/// Welfare's part of the dashboard: this month's visit coverage (visits due in the month, of them done), overdue visits
/// on the banner's rule (planned, due before today, the elder not away or in hospital today), and the month's allowance total.
/// </summary>
public sealed class WelfareDashboardSource(IDbContextFactory<EldercareDbContext> dbs, IEnumerable<IHospitalStays> hospitals) : IDashboardSource
{
    public string Name => "welfare";

    public IReadOnlyList<string> TopicPrefixes { get; } = ["welfare."];

    public async Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct)
    {
        var (first, last) = (YearMonth.FirstDay(period.Month), YearMonth.LastDay(period.Month));
        await using var db = await dbs.CreateDbContextAsync(ct);
        var visits = db.Set<Visit>().AsNoTracking().InRegion(scope);
        var figures = new List<RegionFigure>();
        var coverage = await visits.Where(v => v.DueDate >= first && v.DueDate <= last)
            .GroupBy(v => v.RegionCode).Select(g => new { g.Key, Due = g.Count(), Done = g.Count(v => v.Status == VisitStatus.Done) })
            .ToListAsync(ct);
        figures.AddRange(coverage.Select(r => new RegionFigure(r.Key, DashboardCounters.VisitsDueMonth, r.Due)));
        figures.AddRange(coverage.Select(r => new RegionFigure(r.Key, DashboardCounters.VisitsDoneMonth, r.Done)));

        var overdue = await visits.Where(v => v.Status == VisitStatus.Planned && v.DueDate < period.Today)
            .Select(v => new { v.RegionCode, v.ElderId }).ToListAsync(ct);
        var absent = await Absences.AbsentOnAsync(db, hospitals, [.. overdue.Select(v => v.ElderId).Distinct()], period.Today, ct);
        figures.AddRange(overdue.Where(v => !absent.Contains(v.ElderId)).GroupBy(v => v.RegionCode)
            .Select(g => new RegionFigure(g.Key, DashboardCounters.VisitsOverdue, g.Count())));

        // About a hundred lists a month (one per village): summed here, the fen totals of the month's lists.
        var lists = await db.Set<AllowanceList>().AsNoTracking().InRegion(scope).Where(l => l.Month == period.Month)
            .Select(l => new { l.RegionCode, l.Total }).ToListAsync(ct);
        figures.AddRange(lists.GroupBy(l => l.RegionCode)
            .Select(g => new RegionFigure(g.Key, DashboardCounters.AllowanceFenMonth, g.Sum(l => l.Total))));
        return figures;
    }

    public async Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct)
    {
        var (first, last) = (YearMonth.FirstDay(month), YearMonth.LastDay(month));
        await using var db = await dbs.CreateDbContextAsync(ct);
        var done = await db.Set<Visit>().AsNoTracking().InRegion(scope)
            .Where(v => v.DueDate >= first && v.DueDate <= last && v.Status == VisitStatus.Done).CountAsync(ct);
        return new Dictionary<string, long> { [DashboardCounters.TrendVisitsDone] = done };
    }
}
