using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare.Features.Visits;

/// <summary>The visit calendar: planned and done visits of the scope between two days (at most 1,000).</summary>
public static class ListVisits
{
    public sealed record Query(DateOnly From, DateOnly To, Guid? ElderId = null) : RequiresPermission(Permissions.WelfareRead), IQuery<IReadOnlyList<VisitView>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.To).Must((q, to) => to >= q.From && to.DayNumber - q.From.DayNumber <= 92).WithMessage(l["Welfare.Visit.WindowInvalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<VisitView>>
    {
        public async ValueTask<IReadOnlyList<VisitView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var visits = await db.Set<Visit>().AsNoTracking().InScopeOf(user)
                .Where(v => query.ElderId == null || v.ElderId == query.ElderId)
                .Where(v => (v.Status == VisitStatus.Planned && v.DueDate >= query.From && v.DueDate <= query.To) || (v.Status == VisitStatus.Done && v.VisitedOn >= query.From && v.VisitedOn <= query.To))
                .OrderBy(v => v.DueDate).ThenBy(v => v.Id).Take(1000).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. visits.Select(v => VisitViews.Of(v, all))];
        }
    }
}
