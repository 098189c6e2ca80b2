using FluentValidation;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>Services of the scope waiting for staff confirmation.</summary>
public static class ListPendingHours
{
    public sealed record Query() : RequiresPermission(Permissions.SocialRead), IQuery<IReadOnlyList<ServiceRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<ServiceRow>>
    {
        public async ValueTask<IReadOnlyList<ServiceRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var records = await db.Set<ServiceRecord>().AsNoTracking().InScopeOf(user).Where(r => r.Status == ServiceStatus.Recorded).OrderBy(r => r.StartUtc).Take(200).ToListAsync(cancellationToken);
            return [.. records.Select(VolunteerRows.Row)];
        }
    }
}
