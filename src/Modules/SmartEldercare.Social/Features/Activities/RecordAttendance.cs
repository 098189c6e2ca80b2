using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

/// <summary>An enrolled elder was at a session; anyone not enrolled (waiting, withdrawn, never) is refused.</summary>
public static class RecordAttendance
{
    public sealed record Command(Guid SessionId, Guid ElderId) : RequiresPermission(Permissions.SocialRecord), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var session = await db.Set<ActivitySession>().AsNoTracking().Where(s => s.Id == command.SessionId)
                .Join(db.Set<Activity>().VisibleTo(user.RegionCode), s => s.ActivityId, a => a.Id, (s, a) => new { s.Id, s.StartsAtUtc, ActivityId = a.Id, a.Track })
                .SingleOrDefaultAsync(cancellationToken);
            if (session is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            if (session.StartsAtUtc > now.AddHours(12))
            {
                return Result.Conflict(l["Social.Attendance.Future"]);
            }

            var enrolment = await db.Set<Enrolment>().AsNoTracking().InScopeOf(user)
                .SingleOrDefaultAsync(e => e.ActivityId == session.ActivityId && e.ElderId == command.ElderId, cancellationToken);
            if (enrolment is not { Status: EnrolmentStatus.Enrolled })
            {
                return Result.Conflict(l["Social.Attendance.NotEnrolled"]);
            }

            if (await db.Set<Attendance>().AnyAsync(a => a.SessionId == session.Id && a.ElderId == command.ElderId, cancellationToken))
            {
                return Result.Conflict(l["Social.Attendance.AlreadyRecorded"]);
            }

            db.Add(new Attendance
            {
                SessionId = session.Id, ActivityId = session.ActivityId, Track = session.Track, ElderId = command.ElderId, RegionCode = enrolment.RegionCode,
                RecordedAtUtc = now, RecordedBy = user.DisplayName,
            });
            if (!await LiveEvent.CommitAsync(db, live, new LiveUpdate(LiveUpdate.NewId(), enrolment.RegionCode, "social.attendance", session.ActivityId.ToString(), now), cancellationToken, uniqueRace: true))
            {
                return Result.Conflict(l["Social.Attendance.AlreadyRecorded"]);
            }

            return Result.Ok();
        }
    }
}
