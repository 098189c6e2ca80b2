using FluentValidation;
using SmartEldercare.Social.Charities;

namespace SmartEldercare.Social.Features.Charities;

/// <summary>The charities and social organisations the scope sees: its own and those registered above it (street, district).</summary>
public static class ListCharities
{
    public sealed record Query() : RequiresPermission(Permissions.SocialRead), IQuery<IReadOnlyList<CharityRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<CharityRow>>
    {
        public async ValueTask<IReadOnlyList<CharityRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var above = Above(user.RegionCode);
            var charities = db.Set<Charity>().AsNoTracking().InScopeOf(user).Select(c => c.Id)
                .Concat(db.Set<Charity>().Where(c => above.Contains(c.RegionCode)).Select(c => c.Id));
            return await CharityRows.RowsAsync(db, db.Set<Charity>().AsNoTracking().Where(c => charities.Contains(c.Id)), await regions.AllAsync(cancellationToken), cancellationToken);
        }
    }

    private static readonly int[] Levels = [6, 9];

    internal static List<string> Above(string scope) => [.. Levels.Where(n => scope.Length > n).Select(n => scope[..n])];
}
