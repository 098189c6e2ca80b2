using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare.Features.Visits;

public sealed record CoverageRow(string Code, string Name, RegionLevel Level, int Due, int Done)
{
    public double? Rate => Due == 0 ? null : (double)Done / Due;
}

/// <summary>A month's visit coverage: of the visits due in the month, how many were done, per village and street (one grouped query).</summary>
public static class GetVisitCoverage
{
    public sealed record Query(int Month) : RequiresPermission(Permissions.WelfareRead), IQuery<IReadOnlyList<CoverageRow>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<CoverageRow>>
    {
        public async ValueTask<IReadOnlyList<CoverageRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (first, last) = (YearMonth.FirstDay(query.Month), YearMonth.LastDay(query.Month));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var rows = await db.Set<Visit>().AsNoTracking().InScopeOf(user).Where(v => v.DueDate >= first && v.DueDate <= last)
                .GroupBy(v => v.RegionCode).Select(g => new { Code = g.Key, Due = g.Count(), Done = g.Sum(v => v.Status == VisitStatus.Done ? 1 : 0) })
                .ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            string NameOf(string code) => all.GetValueOrDefault(code)?.Name ?? code;
            var villages = rows.Select(r => new CoverageRow(r.Code, NameOf(r.Code), RegionLevel.Village, r.Due, r.Done)).ToList();
            var streets = villages.GroupBy(v => v.Code[..Math.Min(9, v.Code.Length)]).Select(g => new CoverageRow(g.Key, NameOf(g.Key), RegionLevel.Street, g.Sum(v => v.Due), g.Sum(v => v.Done)));
            return [.. streets.Concat(villages).OrderBy(r => r.Code, StringComparer.Ordinal)];
        }
    }
}
