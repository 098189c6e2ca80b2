using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Social.Canteens;

namespace SmartEldercare.Social.Features.Canteens;

public sealed record CanteenStatement(Guid CanteenId, string Name, string RegionName, int Month, IReadOnlyList<StatementDay> Days, IReadOnlyList<StatementLine> Lines)
{
    public int DineIn => Days.Sum(d => d.DineIn);

    public int Delivery => Days.Sum(d => d.Delivery);

    public long SubsidyFen => Lines.Sum(l => l.SubsidyFen);
}

/// <summary>A canteen's month: meals per day and every subsidised meal.</summary>
public static class GetCanteenStatement
{
    public sealed record Query(Guid CanteenId, int Month) : RequiresPermission(Permissions.SocialRead), IQuery<Result<CanteenStatement>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, Result<CanteenStatement>>
    {
        public async ValueTask<Result<CanteenStatement>> Handle(Query query, CancellationToken cancellationToken) =>
            await StatementAsync(dbs, user, regions, query.CanteenId, query.Month, cancellationToken);

        internal static async Task<Result<CanteenStatement>> StatementAsync(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, Guid canteenId, int month, CancellationToken ct)
        {
            if (!YearMonth.IsValid(month))
            {
                return Result.NotFound().As<CanteenStatement>();
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var canteen = await db.Organisations.AsNoTracking().InScopeOf(user).Where(o => o.Id == canteenId && o.Type == OrganisationType.Canteen)
                .Select(o => new { o.Id, o.Name, o.RegionCode }).SingleOrDefaultAsync(ct);
            if (canteen is null)
            {
                return Result.NotFound().As<CanteenStatement>();
            }

            var (from, to) = (YearMonth.FirstDay(month), YearMonth.FirstDay(month).AddMonths(1));
            var days = await db.Set<MealDay>().AsNoTracking().Where(d => d.CanteenId == canteen.Id && d.Date >= from && d.Date < to).ToListAsync(ct);
            var lines = await db.Set<SubsidisedMeal>().AsNoTracking().Where(m => m.CanteenId == canteen.Id && m.Date >= from && m.Date < to).OrderBy(m => m.Date).ThenBy(m => m.Id).ToListAsync(ct);
            var dates = days.Select(d => d.Date).Union(lines.Select(m => m.Date)).Order().ToList();
            var all = await regions.AllAsync(ct);
            return new CanteenStatement(canteen.Id, canteen.Name, all.GetValueOrDefault(canteen.RegionCode)?.Name ?? canteen.RegionCode, month,
                [.. dates.Select(date =>
                {
                    var d = days.FirstOrDefault(x => x.Date == date);
                    var m = lines.Where(x => x.Date == date).ToList();
                    return new StatementDay(date, d?.DineIn ?? 0, d?.Delivery ?? 0, m.Count, m.Sum(x => x.SubsidyFen));
                })],
                [.. lines.Select(m => RegionScope.Contains(user.RegionCode, m.ElderRegionCode)
                    ? new StatementLine(m.Id, m.Date, m.ElderId, m.ElderName, m.Mode, m.SubsidyGroup, m.SubsidyFen, m.HomeServiceOrderId)
                    // An elder of another street who ate here: counted and paid for, neither named nor linked.
                    : new StatementLine(m.Id, m.Date, Guid.Empty, Masking.Surname(m.ElderName), m.Mode, m.SubsidyGroup, m.SubsidyFen, null))]);
        }
    }
}
