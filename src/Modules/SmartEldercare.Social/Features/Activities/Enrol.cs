using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

/// <summary>Enrols an elder of the user's scope: a place while there is one, else the waiting list (never over capacity).</summary>
public static class Enrol
{
    public sealed record Command(Guid ActivityId, Guid ElderId) : RequiresPermission(Permissions.SocialRecord), ICommand<Result<EnrolmentStatus>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, IStringLocalizer<Strings> l, TimeProvider clock)
        : ICommandHandler<Command, Result<EnrolmentStatus>>
    {
        public async ValueTask<Result<EnrolmentStatus>> Handle(Command command, CancellationToken cancellationToken)
        {
            var update = new LiveUpdate(LiveUpdate.NewId(), user.RegionCode, "social.enrolment", command.ActivityId.ToString(), clock.UtcNow());
            var outcome = await Concurrency.RetryAsync(() => AttemptAsync(command, update, cancellationToken), () => Result.Conflict(l["Common.Conflict"]).As<EnrolmentStatus>());
            if (outcome.IsSuccess)
            {
                await live.PushAsync(update, cancellationToken);
            }

            return outcome;
        }

        private async Task<Result<EnrolmentStatus>> AttemptAsync(Command command, LiveUpdate update, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var activity = await db.Set<Activity>().VisibleTo(user.RegionCode).SingleOrDefaultAsync(a => a.Id == command.ActivityId, ct);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Id == command.ElderId && e.Status == ElderStatus.Active)
                .Select(e => new { e.Id, e.Name, e.RegionCode }).SingleOrDefaultAsync(ct);
            if (activity is null || elder is null)
            {
                return Result.NotFound().As<EnrolmentStatus>();
            }

            var enrolment = await db.Set<Enrolment>().SingleOrDefaultAsync(e => e.ActivityId == activity.Id && e.ElderId == elder.Id, ct);
            if (enrolment is { Status: not EnrolmentStatus.Withdrawn })
            {
                return Result.Conflict(l[enrolment.Status == EnrolmentStatus.Enrolled ? "Social.Enrolment.AlreadyEnrolled" : "Social.Enrolment.AlreadyWaiting"]).As<EnrolmentStatus>();
            }

            if (enrolment is null)
            {
                enrolment = new Enrolment { ActivityId = activity.Id, ElderId = elder.Id, ElderName = elder.Name, RegionCode = elder.RegionCode, RecordedBy = user.DisplayName };
                db.Add(enrolment);
            }

            activity.Admit(enrolment, clock.UtcNow());
            LiveEvent.Stage(db, update);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
            {
                // The same elder enrolled at the same moment from elsewhere (unique activity + elder).
                return Result.Conflict(l["Social.Enrolment.AlreadyEnrolled"]).As<EnrolmentStatus>();
            }

            return enrolment.Status;
        }
    }
}
