using FluentValidation;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Social.Features.Activities;

public sealed record ElderPick(Guid Id, string Name, string RegionName, int Age);

/// <summary>Elders of the user's scope by name, for enrolment.</summary>
public static class FindElders
{
    public sealed record Query(string Name) : RequiresPermission(Permissions.SocialRecord), IQuery<IReadOnlyList<ElderPick>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<ElderPick>>
    {
        public async ValueTask<IReadOnlyList<ElderPick>> Handle(Query query, CancellationToken cancellationToken)
        {
            var term = query.Name?.Trim() ?? string.Empty;
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elders = db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Status == ElderStatus.Active);
            if (term.Length > 0)
            {
                elders = elders.Where(e => e.Name.Contains(term));
            }

            var found = await elders.OrderBy(e => e.Name).Take(20).Select(e => new { e.Id, e.Name, e.RegionCode, e.BirthDate }).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            var today = clock.Today();
            return [.. found.Select(e => new ElderPick(e.Id, e.Name, all.GetValueOrDefault(e.RegionCode)?.Name ?? e.RegionCode, ShanghaiTime.AgeOn(e.BirthDate, today)))];
        }
    }
}
