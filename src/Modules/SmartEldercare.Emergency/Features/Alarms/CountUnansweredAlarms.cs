using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Emergency.Features.Alarms;

/// <summary>How many critical alarms of the scope nobody has acknowledged yet (the banner above every page).</summary>
public static class CountUnansweredAlarms
{
    public sealed record Query() : RequiresPermission(Permissions.EmergencyRead), IQuery<int>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var own = await OwnOrganisation.OfFacilityManagerAsync(db, user, cancellationToken);
            return await db.Set<Alarm>().AsNoTracking().Where(a => a.Status == AlarmStatus.Raised && a.Priority == AlarmPriority.Critical).InScopeOf(user).OfOwn(own).CountAsync(cancellationToken);
        }
    }
}
