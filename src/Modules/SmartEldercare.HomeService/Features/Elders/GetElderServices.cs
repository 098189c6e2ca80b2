using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Elders;

public sealed record PlanView(Guid Id, string ItemName, int Quantity, Weekdays Days, TimeOnly StartTime, int WindowMinutes, DateOnly FromDate, DateOnly? ToDate, string? ProviderName, bool Active);

public sealed record StayView(Guid Id, DateOnly From, DateOnly? To, string? Note, string RecordedBy);

/// <summary>An elder's page; <c>QrToken</c> (printed on the home's QR code) only for staff who may order: workers scan it.</summary>
public sealed record ElderServices(
    Guid ElderId, string Name, int Age, int CareLevel, IReadOnlyList<ElderTag> Tags, string RegionPath, string MaskedAddress,
    BalanceView ThisMonth, BalanceView NextMonth, bool HomeLocated, string? QrToken, IReadOnlyList<PlanView> Plans, IReadOnlyList<StayView> HospitalStays);

/// <summary>An elder's home services: this month's and next month's entitlement, the home's location and QR code, plans, hospital stays.</summary>
public static class GetElderServices
{
    public sealed record Query(Guid ElderId) : RequiresPermission(Permissions.HomeServiceRead), IQuery<Result<ElderServices>>, SmartEldercare.Platform.Privacy.IPersonalDataAccess;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, Result<ElderServices>>
    {
        public async ValueTask<Result<ElderServices>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == query.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<ElderServices>();
            }

            var today = clock.Today();
            var month = YearMonth.Of(today);
            var home = await db.Set<ElderHome>().AsNoTracking().SingleOrDefaultAsync(h => h.ElderId == elder.Id, cancellationToken);
            var items = await db.Set<ServiceItem>().AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
            var plans = await db.Set<ServicePlan>().AsNoTracking().Where(p => p.ElderId == elder.Id).OrderByDescending(p => p.CreatedAtUtc).ToListAsync(cancellationToken);
            var providerIds = plans.Where(p => p.ProviderId is not null).Select(p => p.ProviderId!.Value).ToList();
            var providers = await db.Organisations.AsNoTracking().Where(o => providerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var stays = await db.Set<HospitalStay>().AsNoTracking().Where(h => h.ElderId == elder.Id).OrderByDescending(h => h.From).Take(10)
                .Select(h => new StayView(h.Id, h.From, h.To, h.Note, h.RecordedBy)).ToListAsync(cancellationToken);
            var age = elder.AgeOn(today);
            return new ElderServices(
                elder.Id, elder.Name, age, elder.CareLevel, ElderTags.Of(elder.KeyGroups, age), await regions.PathAsync(elder.RegionCode, cancellationToken), Masking.Address(elder.Address),
                await Balances.ViewAsync(db, elder, month, cancellationToken), await Balances.ViewAsync(db, elder, YearMonth.Of(today.AddMonths(1)), cancellationToken),
                home?.Location is not null, user.Has(Permissions.HomeServiceOrder) ? home?.QrToken : null,
                [.. plans.Select(p => new PlanView(p.Id, items.GetValueOrDefault(p.ItemId) ?? "-", p.Quantity, p.Days, p.StartTime, p.WindowMinutes, p.FromDate, p.ToDate,
                    p.ProviderId is { } pid ? providers.GetValueOrDefault(pid) : null, p.Active))],
                stays);
        }
    }
}
