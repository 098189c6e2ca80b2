using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Orders;

/// <summary>
/// An elder's open orders, standing plans, home location, hospital stays and this and later months' entitlement move
/// with the elder: the new street dispatches them. Verified, cancelled and missed orders and past months stay where they
/// were settled (a provider's settlement does not change), and so do follow-ups on them.
/// </summary>
internal sealed class HomeServiceFollowsTheElder(TimeProvider clock) : IElderRecordsFollow
{
    public async Task FollowAsync(EldercareDbContext db, ElderMove move, CancellationToken ct)
    {
        var (id, from, to) = (move.ElderId, move.FromRegionCode, move.ToRegionCode);
        await db.Set<ServiceOrder>()
            .Where(o => o.ElderId == id && o.RegionCode == from && (o.Status == OrderStatus.Requested || o.Status == OrderStatus.Dispatched
                || o.Status == OrderStatus.Assigned || o.Status == OrderStatus.CheckedIn || o.Status == OrderStatus.CheckedOut))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.RegionCode, to), ct);
        var month = YearMonth.Of(clock.Today());
        await db.Set<EntitlementBalance>().Where(b => b.ElderId == id && b.RegionCode == from && b.Month >= month)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.RegionCode, to), ct);
        await db.Set<ServicePlan>().Where(p => p.ElderId == id && p.RegionCode == from).ExecuteUpdateAsync(s => s.SetProperty(p => p.RegionCode, to), ct);
        await db.Set<ElderHome>().Where(h => h.ElderId == id && h.RegionCode == from).ExecuteUpdateAsync(s => s.SetProperty(h => h.RegionCode, to), ct);
        await db.Set<HospitalStay>().Where(h => h.ElderId == id && h.RegionCode == from).ExecuteUpdateAsync(s => s.SetProperty(h => h.RegionCode, to), ct);
    }
}
