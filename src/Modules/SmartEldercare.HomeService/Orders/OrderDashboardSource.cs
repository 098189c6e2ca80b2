using SmartEldercare.Platform.Dashboard;

namespace SmartEldercare.HomeService.Orders;

/// <summary>
/// HomeService's part of the dashboard: orders for today (cancelled ones left out) and this month's on-time rate on the
/// providers' credit rule (of the visits due — checked in, out, verified or missed — those checked in by the late threshold).
/// </summary>
public sealed class OrderDashboardSource(IDbContextFactory<EldercareDbContext> dbs, HomeServiceOptions options) : IDashboardSource
{
    public string Name => "homeservice";

    public IReadOnlyList<string> TopicPrefixes { get; } = [OrderLive.Prefix];

    public async Task<IReadOnlyList<RegionFigure>> FiguresAsync(string scope, DashboardPeriod period, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var orders = db.Set<ServiceOrder>().AsNoTracking().InRegion(scope);
        var figures = new List<RegionFigure>();
        var today = await orders.Where(o => o.ServiceDate == period.Today && o.Status != OrderStatus.Cancelled)
            .GroupBy(o => o.RegionCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(today.Select(r => new RegionFigure(r.Key, DashboardCounters.OrdersToday, r.Count)));

        var late = options.LateAfterMinutes;
        var month = await orders.Where(o => o.Month == period.Month
                                            && (o.Status == OrderStatus.CheckedIn || o.Status == OrderStatus.CheckedOut || o.Status == OrderStatus.Verified || o.Status == OrderStatus.Missed))
            .GroupBy(o => o.RegionCode)
            .Select(g => new
            {
                g.Key,
                Due = g.Count(),
                OnTime = g.Count(o => o.CheckedInAtUtc != null && o.CheckedInAtUtc <= o.WindowStartUtc.AddMinutes(late)),
            })
            .ToListAsync(ct);
        figures.AddRange(month.Select(r => new RegionFigure(r.Key, DashboardCounters.OrdersDueMonth, r.Due)));
        figures.AddRange(month.Select(r => new RegionFigure(r.Key, DashboardCounters.OrdersOnTimeMonth, r.OnTime)));
        return figures;
    }

    public async Task<IReadOnlyDictionary<string, long>> MonthAsync(string scope, int month, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var count = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.Month == month && o.Status != OrderStatus.Cancelled).InRegion(scope).CountAsync(ct);
        return new Dictionary<string, long> { [DashboardCounters.TrendOrders] = count };
    }
}
