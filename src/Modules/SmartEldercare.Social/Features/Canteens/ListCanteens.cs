using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Social.Canteens;

namespace SmartEldercare.Social.Features.Canteens;

public sealed record CanteenRow(Guid Id, string Name, string RegionCode, string RegionName, int DineIn, int Delivery, int SubsidisedMeals, long SubsidyFen);

/// <summary>The canteens (organisations of type canteen) of the scope with a month's meals and subsidies.</summary>
public static class ListCanteens
{
    public sealed record Query(int Month) : RequiresPermission(Permissions.SocialRead), IQuery<IReadOnlyList<CanteenRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<CanteenRow>>
    {
        public async ValueTask<IReadOnlyList<CanteenRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = YearMonth.IsValid(query.Month) ? (YearMonth.FirstDay(query.Month), YearMonth.FirstDay(query.Month).AddMonths(1)) : (DateOnly.MinValue, DateOnly.MinValue);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var canteens = await db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Type == OrganisationType.Canteen).OrderBy(o => o.RegionCode).ThenBy(o => o.Name)
                .Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(cancellationToken);
            var ids = canteens.Select(c => c.Id).ToList();
            var days = await db.Set<MealDay>().AsNoTracking().Where(d => ids.Contains(d.CanteenId) && d.Date >= from && d.Date < to)
                .GroupBy(d => d.CanteenId).Select(g => new { Id = g.Key, DineIn = g.Sum(d => d.DineIn), Delivery = g.Sum(d => d.Delivery) }).ToListAsync(cancellationToken);
            var meals = await db.Set<SubsidisedMeal>().AsNoTracking().Where(m => ids.Contains(m.CanteenId) && m.Date >= from && m.Date < to)
                .GroupBy(m => m.CanteenId).Select(g => new { Id = g.Key, Count = g.Count(), Fen = g.Sum(m => m.SubsidyFen) }).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. canteens.Select(c =>
            {
                var d = days.FirstOrDefault(x => x.Id == c.Id);
                var m = meals.FirstOrDefault(x => x.Id == c.Id);
                return new CanteenRow(c.Id, c.Name, c.RegionCode, all.GetValueOrDefault(c.RegionCode)?.Name ?? c.RegionCode, d?.DineIn ?? 0, d?.Delivery ?? 0, m?.Count ?? 0, m?.Fen ?? 0);
            })];
        }
    }
}
