using FluentValidation;
using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService.Features.Settlements;

/// <summary>Settlements of the providers in the user's scope, newest month first.</summary>
public static class ListSettlements
{
    public sealed record Query(int? Month = null) : RequiresPermission(Permissions.HomeServiceDispatch), IQuery<IReadOnlyList<SettlementSummary>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<SettlementSummary>>
    {
        public async ValueTask<IReadOnlyList<SettlementSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var list = await db.Set<Settlement>().AsNoTracking().InScopeOf(user).Where(s => query.Month == null || s.Month == query.Month)
                .OrderByDescending(s => s.Month).Take(200).ToListAsync(cancellationToken);
            return [.. list.OrderByDescending(s => s.Month).ThenBy(s => s.ProviderName, StringComparer.Ordinal).Select(SettlementViews.Summary)];
        }
    }
}
