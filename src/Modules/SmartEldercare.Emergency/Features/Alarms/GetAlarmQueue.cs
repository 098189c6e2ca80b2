using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Emergency.Features.Alarms;

public sealed record AlarmQueueItem(
    Guid Id, AlarmType Type, AlarmPriority Priority, AlarmStatus Status, AlarmTier Tier, string RegionCode, string RegionName,
    Guid? ElderId, string? ElderName, DateTime RaisedAtUtc, string? AcknowledgedBy, string? ResponderName, Guid? ResponderId);

/// <summary>
/// The open alarms of the user's scope (what a console and a responder work from): unanswered first, most
/// urgent first, then newest. Read from the database on every (re)load; pushes only say "look again".
/// </summary>
public static class GetAlarmQueue
{
    public const int Limit = 200;

    /// <param name="MineOnly">Only alarms sent to me, plus those nobody has taken yet (the responder view).</param>
    public sealed record Query(bool MineOnly = false) : RequiresPermission(Permissions.EmergencyRead), IQuery<IReadOnlyList<AlarmQueueItem>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<AlarmQueueItem>>
    {
        public async ValueTask<IReadOnlyList<AlarmQueueItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var own = await OwnOrganisation.OfFacilityManagerAsync(db, user, cancellationToken);
            var open = db.Set<Alarm>().AsNoTracking().Where(a => a.Status < AlarmStatus.Resolved).InScopeOf(user).OfOwn(own);
            if (query.MineOnly)
            {
                var me = user.Id;
                open = open.Where(a => a.ResponderId == me || a.ResponderId == null);
            }

            var alarms = await open
                .OrderBy(a => a.Status == AlarmStatus.Raised ? 0 : 1).ThenBy(a => a.Priority).ThenByDescending(a => a.RaisedAtUtc)
                .Take(Limit)
                .ToListAsync(cancellationToken);
            var elderIds = alarms.Where(a => a.ElderId is not null).Select(a => a.ElderId!.Value).Distinct().ToList();
            var names = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. alarms.Select(a => new AlarmQueueItem(a.Id, a.Type, a.Priority, a.Status, a.Tier, a.RegionCode,
                all.GetValueOrDefault(a.RegionCode)?.Name ?? a.RegionCode, a.ElderId, a.ElderId is { } id ? names.GetValueOrDefault(id) : null,
                a.RaisedAtUtc, a.AcknowledgedBy, a.ResponderName, a.ResponderId))];
        }
    }
}
