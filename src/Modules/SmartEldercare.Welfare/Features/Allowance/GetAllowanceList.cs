using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record AllowanceListDetails(AllowanceListSummary Summary, DateOnly AgeDay, IReadOnlyList<AllowanceLineView> Lines);

/// <summary>One village's list with every line and what explains it (age on the day before the month, band, amount).</summary>
public static class GetAllowanceList
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.WelfareRead), IQuery<Result<AllowanceListDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, Result<AllowanceListDetails>>
    {
        public async ValueTask<Result<AllowanceListDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var list = await db.Set<AllowanceList>().AsNoTracking().InScopeOf(user).Include(a => a.Lines).SingleOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
            if (list is null)
            {
                return Result.NotFound().As<AllowanceListDetails>();
            }

            var all = await regions.AllAsync(cancellationToken);
            return new AllowanceListDetails(AllowanceViews.Summary(list, all), AllowanceRules.AgeDay(list.Month),
                [.. list.Lines.OrderBy(x => x.BirthDate).ThenBy(x => x.ElderId).Select(AllowanceViews.Line)]);
        }
    }
}
