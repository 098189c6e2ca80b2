namespace SmartEldercare.Welfare.Features.Rosters;

public sealed record RegionCount(string Code, string Name, RegionLevel Level, int Aged80, int Aged90, int Aged100);

public sealed record RosterCounts(DateOnly AsOf, int Aged80, int Aged90, int Aged100, IReadOnlyList<RegionCount> Streets, IReadOnlyList<RegionCount> Villages);

/// <summary>How many 80+, 90+ and 100+ live in each street and village of the scope on a day: one grouped query.</summary>
public static class GetRosterCounts
{
    public sealed record Query(DateOnly? AsOf = null) : RequiresPermission(Permissions.WelfareRead), IQuery<RosterCounts>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, RosterCounts>
    {
        public async ValueTask<RosterCounts> Handle(Query query, CancellationToken cancellationToken)
        {
            var day = query.AsOf ?? clock.Today();
            var (c90, c100) = (VeryOld.BornOnOrBefore(90, day), VeryOld.BornOnOrBefore(100, day));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var byVillage = await RosterScope.Of(db, user, null).AliveOn(day).AtLeast(80, day)
                .GroupBy(e => e.RegionCode)
                .Select(g => new { Code = g.Key, Aged80 = g.Count(), Aged90 = g.Sum(e => e.BirthDate <= c90 ? 1 : 0), Aged100 = g.Sum(e => e.BirthDate <= c100 ? 1 : 0) })
                .ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            string NameOf(string code) => all.GetValueOrDefault(code)?.Name ?? code;
            var villages = byVillage.Select(v => new RegionCount(v.Code, NameOf(v.Code), RegionLevel.Village, v.Aged80, v.Aged90, v.Aged100))
                .OrderBy(v => v.Code, StringComparer.Ordinal).ToList();
            var streets = villages.GroupBy(v => v.Code[..Math.Min(9, v.Code.Length)])
                .Select(g => new RegionCount(g.Key, NameOf(g.Key), RegionLevel.Street, g.Sum(v => v.Aged80), g.Sum(v => v.Aged90), g.Sum(v => v.Aged100)))
                .OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
            return new RosterCounts(day, villages.Sum(v => v.Aged80), villages.Sum(v => v.Aged90), villages.Sum(v => v.Aged100), streets, villages);
        }
    }
}
