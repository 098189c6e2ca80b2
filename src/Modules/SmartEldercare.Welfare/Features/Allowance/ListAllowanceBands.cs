using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

public static class ListAllowanceBands
{
    public sealed record Query() : RequiresPermission(Permissions.WelfareRead), IQuery<IReadOnlyList<BandView>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, IReadOnlyList<BandView>>
    {
        public async ValueTask<IReadOnlyList<BandView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var bands = await db.Set<AllowanceBand>().AsNoTracking().ToListAsync(cancellationToken);
            return [.. bands.OrderBy(b => b.FromAge).Select(b => new BandView(b.FromAge, b.MonthlyAmount))];
        }
    }
}
