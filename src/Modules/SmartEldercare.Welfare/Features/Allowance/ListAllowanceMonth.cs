using FluentValidation;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record AllowanceMonthView(int Month, int Elders, [property: JsonYuan] long Total, IReadOnlyList<AllowanceListSummary> Lists);

/// <summary>The month's lists of the villages in the scope with their status and sums.</summary>
public static class ListAllowanceMonth
{
    public sealed record Query(int Month) : RequiresPermission(Permissions.WelfareRead), IQuery<AllowanceMonthView>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, AllowanceMonthView>
    {
        public async ValueTask<AllowanceMonthView> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var lists = await db.Set<AllowanceList>().AsNoTracking().InScopeOf(user).Where(a => a.Month == query.Month).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var views = lists.OrderBy(a => a.RegionCode, StringComparer.Ordinal).Select(a => AllowanceViews.Summary(a, all)).ToList();
            return new AllowanceMonthView(query.Month, views.Sum(v => v.Elders), views.Sum(v => v.Total), views);
        }
    }
}
