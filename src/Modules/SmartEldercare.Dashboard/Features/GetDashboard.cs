using System.Collections.Concurrent;
using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.Dashboard.Features;

/// <param name="Region">The region shown.</param>
/// <param name="Path">From the user's scope down to the region shown, for the breadcrumbs.</param>
/// <param name="SubRegions">The regions one level down, for the drill-down (empty for a village).</param>
/// <param name="Sources">Each source's counters per region inside <paramref name="Region"/>.</param>
/// <param name="Trend">The last 12 months, oldest first (the current month last).</param>
/// <param name="Period">The day and month the figures were counted for.</param>
public sealed record DashboardView(DashboardRegion Region, IReadOnlyList<DashboardRegion> Path, IReadOnlyList<DashboardRegion> SubRegions,
    IReadOnlyList<SourceFigures> Sources, IReadOnlyList<TrendMonth> Trend, DashboardPeriod Period);

/// <summary>
/// The closed months of the trends, per source, region and month: they never change, so each is read once. Only the
/// current month is read again.
/// </summary>
public sealed class DashboardTrendCache
{
    private readonly ConcurrentDictionary<(string Source, string Region, int Month), IReadOnlyDictionary<string, long>> months = new();

    /// <summary>Closed months kept (one per source, region and month).</summary>
    public int Count => months.Count;

    public async Task<IReadOnlyDictionary<string, long>> MonthAsync(IDashboardSource source, string region, int month, int currentMonth, CancellationToken ct)
    {
        if (month == currentMonth)
        {
            return await source.MonthAsync(region, month, ct);
        }

        if (months.TryGetValue((source.Name, region, month), out var cached))
        {
            return cached;
        }

        var read = await source.MonthAsync(region, month, ct);
        months[(source.Name, region, month)] = read;
        return read;
    }
}

/// <summary>
/// The district command dashboard of a region inside the user's scope: every scenario's counters per region, the regions
/// one level down for the drill-down, and the 12-month trends (closed months cached). Sources are read in parallel.
/// </summary>
public static class GetDashboard
{
    public const int TrendMonths = 12;

    public sealed record Query(string? RegionCode = null) : RequiresPermission(Permissions.DashboardRead), IQuery<Result<DashboardView>>;

    public sealed class Handler(IEnumerable<IDashboardSource> sources, DashboardTrendCache trends, DashboardFiguresCache cache, ICurrentUser user, RegionDirectory regions,
        TimeProvider clock)
        : IQueryHandler<Query, Result<DashboardView>>
    {
        public async ValueTask<Result<DashboardView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var resolved = await DashboardScope.ResolveAsync(query.RegionCode, user, regions, cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.As<DashboardView>();
            }

            var (region, all) = resolved.Value;
            var period = DashboardPeriod.At(clock);
            var list = sources.ToList();
            var months = DashboardPeriod.MonthsEndingWith(period.Month, TrendMonths);
            // The figures with the current month (shared while unchanged), the closed months (cached for good).
            var figures = list.Select(s => cache.ReadAsync(s, region.Code, period, cancellationToken)).ToList();
            var closed = list.Select(s => Task.WhenAll(months.Take(months.Count - 1).Select(m => trends.MonthAsync(s, region.Code, m, period.Month, cancellationToken)))).ToList();
            await Task.WhenAll(figures.Cast<Task>().Concat(closed));

            var bySource = list.Select((s, i) => new SourceFigures(s.Name, s.TopicPrefixes, figures[i].Result.Figures, figures[i].Result.CurrentMonth)).ToList();
            var trend = list.Select((_, i) => (IReadOnlyList<IReadOnlyDictionary<string, long>>)[.. closed[i].Result, figures[i].Result.CurrentMonth]).ToList();
            var trendMonths = months.Select((m, mi) => new TrendMonth(m,
                trend.SelectMany(t => t[mi]).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal))).ToList();
            return new DashboardView(ToView(region), PathOf(region, all, user.RegionCode), SubRegionsOf(region, all), bySource, trendMonths, period);
        }
    }

    internal static DashboardRegion ToView(Region region) => new(region.Code, region.Name, region.Level);

    internal static List<DashboardRegion> PathOf(Region region, IReadOnlyDictionary<string, Region> all, string scope)
    {
        var path = new List<DashboardRegion>();
        for (var r = region; r is not null; r = r.ParentCode is { } parent ? all.GetValueOrDefault(parent) : null)
        {
            path.Insert(0, ToView(r));
            if (r.Code == scope)
            {
                break;
            }
        }

        return path;
    }

    internal static List<DashboardRegion> SubRegionsOf(Region region, IReadOnlyDictionary<string, Region> all) =>
        [.. all.Values.Where(r => r.ParentCode == region.Code).OrderBy(r => r.SortOrder).ThenBy(r => r.Code, StringComparer.Ordinal).Select(ToView)];
}
