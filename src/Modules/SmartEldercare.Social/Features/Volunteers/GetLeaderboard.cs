using FluentValidation;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

public sealed record StreetLeaderboard(string StreetCode, string StreetName, IReadOnlyList<LeaderRow> Leaders);

/// <summary>Per street of the scope, the volunteers with the most confirmed minutes (from the ledger).</summary>
public static class GetLeaderboard
{
    public sealed record Query(int Top = 10) : RequiresPermission(Permissions.SocialRead), IQuery<IReadOnlyList<StreetLeaderboard>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<StreetLeaderboard>>
    {
        public async ValueTask<IReadOnlyList<StreetLeaderboard>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var earned = await db.Set<TimeBankEntry>().AsNoTracking().Where(e => e.Kind == LedgerKind.Earned)
                .GroupBy(e => e.VolunteerId).Select(g => new { VolunteerId = g.Key, Minutes = g.Sum(e => e.Minutes) })
                .Join(db.Set<Volunteer>().InScopeOf(user), e => e.VolunteerId, v => v.Id, (e, v) => new { v.Id, v.Name, v.RegionCode, e.Minutes })
                .ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var top = Math.Clamp(query.Top, 1, 100);
            return [.. earned.GroupBy(e => e.RegionCode[..Math.Min(9, e.RegionCode.Length)]).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new StreetLeaderboard(g.Key, all.GetValueOrDefault(g.Key)?.Name ?? g.Key,
                    [.. g.OrderByDescending(e => e.Minutes).ThenBy(e => e.Name, StringComparer.Ordinal).Take(top)
                        .Select((e, i) => new LeaderRow(i + 1, e.Id, e.Name, all.GetValueOrDefault(e.RegionCode)?.Name ?? e.RegionCode, e.Minutes))]))];
        }
    }
}
