using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Dashboard;

/// <summary>The platform's part of the dashboard: active elders by key group and age band, per village (one grouped query, one pass).</summary>
public sealed class ElderDashboardSource(IDbContextFactory<EldercareDbContext> dbs) : IDashboardSource
{
    public string Name => "elders";

    public IReadOnlyList<string> TopicPrefixes { get; } = ["elder."];

    public async Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct)
    {
        var born70 = period.Today.AddYears(-70);
        var born80 = period.Today.AddYears(-80);
        var born90 = period.Today.AddYears(-90);
        var born100 = period.Today.AddYears(-100);
        await using var db = await dbs.CreateDbContextAsync(ct);
        // One pass in region order: the region range (not the district equality) lets the village-led covering index serve
        // the scan and the grouping, so nothing is sorted and no elder's row is looked up (a district: was 0.6 s, dashboard bench).
        var rows = await db.Elders.AsNoTracking().WithinRegion(e => e.RegionCode, scope).Where(e => e.Status == ElderStatus.Active)
            .GroupBy(e => e.RegionCode)
            .Select(g => new
            {
                RegionCode = g.Key,
                Count = g.Count(),
                Aged70 = g.Count(e => e.BirthDate <= born70),
                Aged80 = g.Count(e => e.BirthDate <= born80),
                Aged90 = g.Count(e => e.BirthDate <= born90),
                Aged100 = g.Count(e => e.BirthDate <= born100),
                LivingAlone = g.Count(e => (e.KeyGroups & KeyGroups.LivingAlone) != 0),
                EmptyNest = g.Count(e => (e.KeyGroups & KeyGroups.EmptyNest) != 0),
                Disabled = g.Count(e => (e.KeyGroups & KeyGroups.Disabled) != 0),
                LowIncome = g.Count(e => (e.KeyGroups & KeyGroups.LowIncome) != 0),
                Destitute = g.Count(e => (e.KeyGroups & KeyGroups.Destitute) != 0),
            })
            .ToListAsync(ct);

        var figures = new List<RegionFigure>(rows.Count * 11);
        foreach (var r in rows)
        {
            figures.Add(new(r.RegionCode, DashboardCounters.EldersActive, r.Count));
            figures.Add(new(r.RegionCode, DashboardCounters.EldersAged70, r.Aged70));
            figures.Add(new(r.RegionCode, DashboardCounters.EldersAged80, r.Aged80));
            figures.Add(new(r.RegionCode, DashboardCounters.EldersAged90, r.Aged90));
            figures.Add(new(r.RegionCode, DashboardCounters.EldersAged100, r.Aged100));
            foreach (var tag in Enum.GetValues<ElderTag>())
            {
                figures.Add(new(r.RegionCode, DashboardCounters.EldersTag(tag), tag switch
                {
                    ElderTag.VeryOld => r.Aged80,
                    ElderTag.LivingAlone => r.LivingAlone,
                    ElderTag.EmptyNest => r.EmptyNest,
                    ElderTag.Disabled => r.Disabled,
                    ElderTag.LowIncome => r.LowIncome,
                    ElderTag.Destitute => r.Destitute,
                    _ => throw new InvalidOperationException($"No dashboard figure for the tag {tag}."),
                }));
            }
        }

        return figures;
    }

    public Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());
}
