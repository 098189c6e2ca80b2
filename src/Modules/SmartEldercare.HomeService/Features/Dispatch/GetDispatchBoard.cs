using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Dispatch;

public sealed record WorkerLoad(Guid Id, string Name, int Today);

public sealed record ProviderLoad(Guid Id, string Name, string RegionCode, int Today, IReadOnlyList<WorkerLoad> Workers, IReadOnlyList<Guid> Items);

/// <summary>The street's board for a day: what needs a provider (new and missed), what waits for a worker, what is under way, what awaits verification.</summary>
public sealed record DispatchBoard(
    DateOnly Day, IReadOnlyList<OrderListItem> ToDispatch, IReadOnlyList<OrderListItem> AwaitingWorker, IReadOnlyList<OrderListItem> Assigned,
    IReadOnlyList<OrderListItem> InProgress, IReadOnlyList<OrderListItem> ToVerify, IReadOnlyList<ProviderLoad> Providers);

/// <summary>
/// The dispatch board: open orders of the scope from a month back to a week ahead of the day, and the providers with
/// their workers and how many visits each has that day. Read from the database on every (re)load; pushes say "look again".
/// </summary>
public static class GetDispatchBoard
{
    public const int Limit = 500;

    public sealed record Query(DateOnly? Day = null) : RequiresPermission(Permissions.HomeServiceRead), IQuery<DispatchBoard>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, DispatchBoard>
    {
        public async ValueTask<DispatchBoard> Handle(Query query, CancellationToken cancellationToken)
        {
            var day = query.Day ?? clock.Today();
            var (from, to) = (day.AddDays(-31), day.AddDays(7));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var orders = await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user)
                .Where(o => o.ServiceDate >= from && o.ServiceDate <= to
                    && (o.Status == OrderStatus.Requested || o.Status == OrderStatus.Dispatched || o.Status == OrderStatus.Assigned
                        || o.Status == OrderStatus.CheckedIn || o.Status == OrderStatus.CheckedOut || (o.Status == OrderStatus.Missed && !o.MissedHandled)))
                .OrderBy(o => o.WindowStartUtc).Take(Limit).ToListAsync(cancellationToken);
            var rows = await OrderRows.ToItemsAsync(db, regions, orders, cancellationToken);

            var providers = await ListCatalogue.ProvidersAsync(db, user, cancellationToken);
            var providerIds = providers.Select(p => p.Id).ToList();
            var offered = await db.Set<ProviderOffering>().AsNoTracking().Where(o => o.Active && providerIds.Contains(o.ProviderId))
                .Select(o => new { o.ProviderId, o.ItemId }).ToListAsync(cancellationToken);
            var load = await db.Set<ServiceOrder>().AsNoTracking()
                .Where(o => o.ServiceDate == day && o.ProviderId != null && providerIds.Contains(o.ProviderId.Value) && o.Status != OrderStatus.Cancelled)
                .GroupBy(o => new { o.ProviderId, o.WorkerId }).Select(g => new { g.Key.ProviderId, g.Key.WorkerId, Count = g.Count() }).ToListAsync(cancellationToken);
            var loads = new List<ProviderLoad>();
            foreach (var p in providers)
            {
                var workers = await ProviderStaff.OfProviderAsync(db, p.Id, cancellationToken);
                loads.Add(new ProviderLoad(p.Id, p.Name, p.RegionCode, load.Where(x => x.ProviderId == p.Id).Sum(x => x.Count),
                    [.. workers.Select(w => new WorkerLoad(w.Id, w.Name, load.Where(x => x.WorkerId == w.Id).Sum(x => x.Count)))],
                    [.. offered.Where(o => o.ProviderId == p.Id).Select(o => o.ItemId)]));
            }

            return new DispatchBoard(day,
                [.. rows.Where(r => r.Status is OrderStatus.Requested or OrderStatus.Missed)],
                [.. rows.Where(r => r.Status == OrderStatus.Dispatched)],
                [.. rows.Where(r => r.Status == OrderStatus.Assigned)],
                [.. rows.Where(r => r.Status == OrderStatus.CheckedIn)],
                [.. rows.Where(r => r.Status == OrderStatus.CheckedOut)],
                [.. loads.OrderByDescending(l => RegionScope.Contains(l.RegionCode, user.RegionCode) || RegionScope.Contains(user.RegionCode, l.RegionCode)).ThenBy(l => l.RegionCode, StringComparer.Ordinal)]);
        }
    }
}
