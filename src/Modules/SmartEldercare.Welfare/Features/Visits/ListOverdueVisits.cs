using FluentValidation;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Welfare.Features.Visits;

/// <summary>The overdue visits of the scope, the longest overdue first (elders away or in hospital today left out).</summary>
public static class ListOverdueVisits
{
    public sealed record Query(int Page = 1, int PageSize = 50) : RequiresPermission(Permissions.WelfareRead), IQuery<PagedResult<VisitView>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(q => q.Page).InclusiveBetween(1, 10_000).WithMessage(l["Validation.PageInvalid"]);
            RuleFor(q => q.PageSize).InclusiveBetween(1, 200).WithMessage(l["Validation.PageSizeInvalid", 200]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IHospitalStays> hospitals, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, PagedResult<VisitView>>
    {
        public async ValueTask<PagedResult<VisitView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var overdue = await VisitViews.OverdueAsync(db, user, hospitals, clock.Today(), cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return new PagedResult<VisitView>([.. overdue.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(v => VisitViews.Of(v, all))], overdue.Count, query.Page, query.PageSize);
        }
    }
}
