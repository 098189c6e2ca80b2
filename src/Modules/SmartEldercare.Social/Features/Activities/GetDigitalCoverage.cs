using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

public sealed record DigitalCoverage(int Elders, int Attended, IReadOnlyList<CoverageRow> Villages)
{
    public double Share => Elders == 0 ? 0 : (double)Attended / Elders;
}

/// <summary>Per village of the scope: how many of its active elders attended at least one digital-skills class.</summary>
public static class GetDigitalCoverage
{
    public sealed record Query() : RequiresPermission(Permissions.SocialRead), IQuery<DigitalCoverage>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, DigitalCoverage>
    {
        public async ValueTask<DigitalCoverage> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elders = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Status == ElderStatus.Active)
                .GroupBy(e => e.RegionCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var attended = await db.Set<Attendance>().AsNoTracking().InScopeOf(user).Where(a => a.Track != ActivityTrack.General)
                .Select(a => new { a.RegionCode, a.ElderId }).Distinct()
                .GroupBy(a => a.RegionCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var attendedBy = attended.ToDictionary(a => a.Code, a => a.Count, StringComparer.Ordinal);
            string NameOf(string code) => all.GetValueOrDefault(code)?.Name ?? code;
            var villages = all.Values.Where(r => r.Level == RegionLevel.Village && RegionScope.Contains(user.RegionCode, r.Code))
                .Select(r => new CoverageRow(r.Code, r.Name, NameOf(r.Code[..9]), elders.FirstOrDefault(e => e.Code == r.Code)?.Count ?? 0, attendedBy.GetValueOrDefault(r.Code)))
                .Where(r => r.Elders > 0)
                .OrderBy(r => r.RegionCode, StringComparer.Ordinal).ToList();
            return new DigitalCoverage(villages.Sum(v => v.Elders), villages.Sum(v => v.Attended), villages);
        }
    }
}
