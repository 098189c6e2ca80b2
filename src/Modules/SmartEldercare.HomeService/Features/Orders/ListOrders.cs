using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Orders;

public sealed record OrderListItem(
    Guid Id, Guid ElderId, string ElderName, string RegionCode, string RegionName, ServiceCategory Category, Guid ItemId, string ItemName, int Quantity,
    DateTime WindowStartUtc, DateTime WindowEndUtc, OrderStatus Status, VisitFlags Flags, Guid? ProviderId, string? ProviderName,
    Guid? WorkerId, string? WorkerName, DateTime? CheckedInAtUtc, DateTime? CheckedOutAtUtc, bool MissedHandled, int Version);

/// <summary>Orders of the user's scope for a day range (Asia/Shanghai days), optionally by status; by window, newest day first.</summary>
public static class ListOrders
{
    public const int Limit = 300;

    public sealed record Query(DateOnly? From = null, DateOnly? To = null, OrderStatus? Status = null, Guid? ElderId = null) : RequiresPermission(Permissions.HomeServiceRead), IQuery<IReadOnlyList<OrderListItem>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, IReadOnlyList<OrderListItem>>
    {
        public async ValueTask<IReadOnlyList<OrderListItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            var from = query.From ?? clock.Today().AddDays(-7);
            var to = query.To ?? clock.Today().AddDays(7);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var orders = db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user).Where(o => o.ServiceDate >= from && o.ServiceDate <= to);
            if (query.Status is { } status)
            {
                orders = orders.Where(o => o.Status == status);
            }

            if (query.ElderId is { } elderId)
            {
                orders = orders.Where(o => o.ElderId == elderId);
            }

            var list = await orders.OrderByDescending(o => o.ServiceDate).ThenBy(o => o.WindowStartUtc).Take(Limit).ToListAsync(cancellationToken);
            return await OrderRows.ToItemsAsync(db, regions, list, cancellationToken);
        }
    }
}

/// <summary>Names for order rows: elders, items, providers and regions, read once per list.</summary>
internal static class OrderRows
{
    public static async Task<IReadOnlyList<OrderListItem>> ToItemsAsync(EldercareDbContext db, RegionDirectory regions, IReadOnlyList<ServiceOrder> orders, CancellationToken ct)
    {
        var elderIds = orders.Select(o => o.ElderId).Distinct().ToList();
        var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var items = await db.Set<ServiceItem>().AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var providerIds = orders.Where(o => o.ProviderId is not null).Select(o => o.ProviderId!.Value).Distinct().ToList();
        var providers = await db.Organisations.AsNoTracking().Where(o => providerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var all = await regions.AllAsync(ct);
        return [.. orders.Select(o => new OrderListItem(
            o.Id, o.ElderId, elders.GetValueOrDefault(o.ElderId) ?? "-", o.RegionCode, all.GetValueOrDefault(o.RegionCode)?.Name ?? o.RegionCode, o.Category,
            o.ItemId, items.GetValueOrDefault(o.ItemId) ?? "-", o.Quantity, o.WindowStartUtc, o.WindowEndUtc, o.Status, o.Flags, o.ProviderId,
            o.ProviderId is { } p ? providers.GetValueOrDefault(p) : null, o.WorkerId, o.WorkerName, o.CheckedInAtUtc, o.CheckedOutAtUtc, o.MissedHandled, o.Version))];
    }
}
