using FluentValidation;
using SmartEldercare.Social.Charities;

namespace SmartEldercare.Social.Features.Charities;

public sealed record CharityDetails(CharityRow Charity, IReadOnlyList<CharityActivityRow> Activities);

/// <summary>One charity with its activity record.</summary>
public static class GetCharity
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.SocialRead), IQuery<Result<CharityDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, Result<CharityDetails>>
    {
        public async ValueTask<Result<CharityDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var above = ListCharities.Above(user.RegionCode);
            var inScope = db.Set<Charity>().AsNoTracking().InScopeOf(user).Select(c => c.Id).Concat(db.Set<Charity>().Where(c => above.Contains(c.RegionCode)).Select(c => c.Id));
            var row = (await CharityRows.RowsAsync(db, db.Set<Charity>().AsNoTracking().Where(c => c.Id == query.Id && inScope.Contains(c.Id)), await regions.AllAsync(cancellationToken), cancellationToken)).SingleOrDefault();
            if (row is null)
            {
                return Result.NotFound().As<CharityDetails>();
            }

            var activities = await db.Set<CharityActivity>().AsNoTracking().Where(a => a.CharityId == row.Id).OrderByDescending(a => a.Date)
                .Select(a => new CharityActivityRow(a.Id, a.Date, a.Title, a.Beneficiaries, a.Notes, a.RecordedBy)).ToListAsync(cancellationToken);
            return new CharityDetails(row, activities);
        }
    }
}
