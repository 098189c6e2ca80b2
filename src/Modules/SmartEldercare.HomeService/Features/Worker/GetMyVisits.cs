using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Worker;

/// <summary>A worker's day: <c>Mine</c> in window order (under way first, done last); <c>Offered</c>: dispatched to my provider for today or tomorrow, not yet taken.</summary>
public sealed record WorkerDay(DateOnly Day, string? ProviderName, IReadOnlyList<Visit> Mine, IReadOnlyList<Visit> Offered);

/// <summary>A worker's day: today's visits in order (and tomorrow's starting within <see cref="UpcomingHours"/> hours), and what their provider has that nobody has taken yet.</summary>
public static class GetMyVisits
{
    public sealed record Query() : RequiresPermission(Permissions.HomeServiceWork), IQuery<WorkerDay>;

    /// <summary>Visits of tomorrow starting within this many hours are shown with today's.</summary>
    public const int UpcomingHours = 4;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, WorkerDay>
    {
        public async ValueTask<WorkerDay> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var me = await ProviderStaff.WorkerAsync(db, user.Id, cancellationToken);
            var providerId = me?.OrganisationId;
            var myId = user.Id;
            var tomorrow = today.AddDays(1);
            // Late in the evening, the visits just after midnight are part of the shift: those starting within the next
            // hours are shown with today's.
            var soonUtc = clock.UtcNow().AddHours(UpcomingHours);
            var mine = await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user)
                .Where(o => o.WorkerId == myId && (o.ServiceDate == today || o.Status == OrderStatus.CheckedIn || (o.ServiceDate == tomorrow && o.WindowStartUtc < soonUtc)))
                .ToListAsync(cancellationToken);
            var offered = providerId is null ? [] : await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user)
                .Where(o => o.ProviderId == providerId && o.Status == OrderStatus.Dispatched && o.ServiceDate >= today && o.ServiceDate <= tomorrow)
                .OrderBy(o => o.WindowStartUtc).Take(50).ToListAsync(cancellationToken);
            var all = mine.Concat(offered).ToList();
            var elderIds = all.Select(o => o.ElderId).Distinct().ToList();
            var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
            var items = await db.Set<ServiceItem>().AsNoTracking().ToDictionaryAsync(i => i.Id, cancellationToken);
            var regionNames = await regions.AllAsync(cancellationToken);
            var provider = providerId is { } p ? await db.Organisations.AsNoTracking().Where(o => o.Id == p).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) : null;

            Visit ToVisit(ServiceOrder o)
            {
                var item = items[o.ItemId];
                var elder = elders[o.ElderId];
                return new Visit(o.Id, elder.Name, Masking.Address(elder.Address), regionNames.GetValueOrDefault(o.RegionCode)?.Name ?? o.RegionCode, item.Name, item.Category,
                    o.Quantity, item.StandardMinutesFor(o.Quantity), item.Tasks, o.WindowStartUtc, o.WindowEndUtc, o.Status, o.Flags, o.Note, o.CheckedInAtUtc, o.CheckedOutAtUtc);
            }

            return new WorkerDay(today, provider,
                [.. mine.OrderBy(o => o.Status is OrderStatus.CheckedIn ? 0 : o.AwaitsCheckIn ? 1 : 2).ThenBy(o => o.WindowStartUtc).Select(ToVisit)],
                [.. offered.Select(ToVisit)]);
        }
    }
}
