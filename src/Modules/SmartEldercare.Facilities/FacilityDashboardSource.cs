using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Dashboard;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Facilities;

/// <summary>
/// Facilities' part of the dashboard, on the supervision board's rules: beds and residents, institutions with a shift
/// below the care ratio today, and open hazards past their deadline — counted in each institution's region.
/// </summary>
public sealed class FacilityDashboardSource(IDbContextFactory<EldercareDbContext> dbs) : IDashboardSource
{
    public string Name => "facilities";

    public IReadOnlyList<string> TopicPrefixes { get; } = [FacilityLive.Prefix];

    public async Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var figures = new List<RegionFigure>();
        var beds = await db.Set<Bed>().AsNoTracking().InRegion(scope).GroupBy(b => b.RegionCode)
            .Select(g => new { g.Key, Beds = g.Count(), Residents = g.Count(b => b.ResidentElderId != null) }).ToListAsync(ct);
        figures.AddRange(beds.Select(r => new RegionFigure(r.Key, DashboardCounters.Beds, r.Beds)));
        figures.AddRange(beds.Select(r => new RegionFigure(r.Key, DashboardCounters.BedsOccupied, r.Residents)));

        var now = period.NowUtc;
        var overdue = await db.Set<Hazard>().AsNoTracking().InRegion(scope).Where(h => h.Status != HazardStatus.Verified && h.DeadlineUtc < now)
            .GroupBy(h => h.RegionCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(overdue.Select(r => new RegionFigure(r.Key, DashboardCounters.HazardsOverdue, r.Count)));

        var institutions = await db.Organisations.AsNoTracking().InRegion(scope)
            .Where(o => o.Type == OrganisationType.Institution || o.Type == OrganisationType.DayCareCentre)
            .Select(o => new { o.Id, o.RegionCode }).ToListAsync(ct);
        var shifts = await StaffingWatch.ForAsync(db, [.. institutions.Select(i => i.Id)], period.Today, ct);
        figures.AddRange(institutions.Where(i => shifts.TryGetValue(i.Id, out var s) && s.Any(x => x.BelowRatio))
            .GroupBy(i => i.RegionCode).Select(g => new RegionFigure(g.Key, DashboardCounters.StaffingBelow, g.Count())));
        return figures;
    }

    public Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());
}
