using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService.Features.Settlements;

public sealed record SettlementDetails(SettlementSummary Summary, IReadOnlyList<SettlementLine> Lines);

public static class GetSettlement
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.HomeServiceDispatch), IQuery<Result<SettlementDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, Result<SettlementDetails>>
    {
        public async ValueTask<Result<SettlementDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var s = await db.Set<Settlement>().AsNoTracking().Include(x => x.Lines).InScopeOf(user).SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
            return s is null
                ? Result.NotFound().As<SettlementDetails>()
                : new SettlementDetails(SettlementViews.Summary(s), [.. s.Lines.OrderBy(x => x.Included ? 0 : 1).ThenBy(x => x.ServiceDate).ThenBy(x => x.Id)]);
        }
    }
}
