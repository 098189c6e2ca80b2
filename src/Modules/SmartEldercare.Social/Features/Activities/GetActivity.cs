using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

public sealed record ActivityDetails(ActivityRow Activity, string? Description, bool CanManage, IReadOnlyList<SessionRow> Sessions, IReadOnlyList<EnrolmentRow> Enrolments);

/// <summary>One activity with its sessions and the enrolments of the user's scope (with their attendance).</summary>
public static class GetActivity
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.SocialRead), IQuery<Result<ActivityDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, Result<ActivityDetails>>
    {
        public async ValueTask<Result<ActivityDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var activities = db.Set<Activity>().AsNoTracking().VisibleTo(user.RegionCode).Where(a => a.Id == query.Id);
            var row = (await ActivityRows.RowsAsync(db, activities, await regions.AllAsync(cancellationToken), clock.UtcNow(), cancellationToken)).SingleOrDefault();
            if (row is null)
            {
                return Result.NotFound().As<ActivityDetails>();
            }

            var description = await activities.Select(a => a.Description).SingleAsync(cancellationToken);
            var attendance = await db.Set<Attendance>().AsNoTracking().InScopeOf(user).Where(a => a.ActivityId == query.Id)
                .Select(a => new { a.SessionId, a.ElderId }).ToListAsync(cancellationToken);
            var counts = attendance.GroupBy(a => a.SessionId).ToDictionary(g => g.Key, g => g.Count());
            var sessions = await db.Set<ActivitySession>().AsNoTracking().Where(s => s.ActivityId == query.Id).OrderBy(s => s.StartsAtUtc).ToListAsync(cancellationToken);
            var enrolments = await db.Set<Enrolment>().AsNoTracking().InScopeOf(user).Where(e => e.ActivityId == query.Id)
                .OrderBy(e => e.Status).ThenBy(e => e.WaitNumber).ThenBy(e => e.RequestedAtUtc).ToListAsync(cancellationToken);
            return new ActivityDetails(
                row,
                description,
                user.Has(Permissions.SocialManage) && RegionScope.Contains(user.RegionCode, row.RegionCode),
                [.. sessions.Select(s => new SessionRow(s.Id, s.StartsAtUtc, s.EndsAtUtc, counts.GetValueOrDefault(s.Id)))],
                [.. enrolments.Select(e => new EnrolmentRow(e.Id, e.ElderId, e.ElderName, e.RegionCode, e.Status, e.WaitNumber, e.RequestedAtUtc,
                    [.. attendance.Where(a => a.ElderId == e.ElderId).Select(a => a.SessionId)]))]);
        }
    }
}
