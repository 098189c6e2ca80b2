using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Dashboard;

/// <summary>The platform's part of the dashboard: active elders by key group and age band, per village (one grouped query).</summary>
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
        var rows = await db.Elders.AsNoTracking().InScope(scope).Where(e => e.Status == ElderStatus.Active)
            .GroupBy(e => new { e.RegionCode, e.KeyGroups })
            .Select(g => new
            {
                g.Key.RegionCode,
                g.Key.KeyGroups,
                Count = g.Count(),
                Aged70 = g.Count(e => e.BirthDate <= born70),
                Aged80 = g.Count(e => e.BirthDate <= born80),
                Aged90 = g.Count(e => e.BirthDate <= born90),
                Aged100 = g.Count(e => e.BirthDate <= born100),
            })
            .ToListAsync(ct);

        var figures = new List<RegionFigure>();
        foreach (var region in rows.GroupBy(r => r.RegionCode))
        {
            figures.Add(new(region.Key, DashboardCounters.EldersActive, region.Sum(r => r.Count)));
            figures.Add(new(region.Key, DashboardCounters.EldersAged70, region.Sum(r => r.Aged70)));
            figures.Add(new(region.Key, DashboardCounters.EldersAged80, region.Sum(r => r.Aged80)));
            figures.Add(new(region.Key, DashboardCounters.EldersAged90, region.Sum(r => r.Aged90)));
            figures.Add(new(region.Key, DashboardCounters.EldersAged100, region.Sum(r => r.Aged100)));
            foreach (var tag in Enum.GetValues<ElderTag>())
            {
                var value = tag == ElderTag.VeryOld
                    ? region.Sum(r => r.Aged80)
                    : region.Where(r => r.KeyGroups.HasFlag(ElderTags.ToGroup(tag))).Sum(r => r.Count);
                figures.Add(new(region.Key, DashboardCounters.EldersTag(tag), value));
            }
        }

        return figures;
    }

    public Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());
}
