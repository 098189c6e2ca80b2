using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

/// <summary>An elder leaves an activity (or its waiting list); a freed place goes to the first one waiting.</summary>
public static class Withdraw
{
    public sealed record Command(Guid EnrolmentId) : RequiresPermission(Permissions.SocialRecord), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]));

        private async Task<Result> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var enrolment = await db.Set<Enrolment>().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.EnrolmentId, ct);
            if (enrolment is null)
            {
                return Result.NotFound();
            }

            if (enrolment.Status == EnrolmentStatus.Withdrawn)
            {
                return Result.Conflict(l["Social.Enrolment.AlreadyWithdrawn"]);
            }

            var activity = await db.Set<Activity>().SingleAsync(a => a.Id == enrolment.ActivityId, ct);
            // The first waiting across the whole activity, whichever village they are from: the list is the activity's.
            var first = enrolment.Status == EnrolmentStatus.Enrolled
                ? await db.Set<Enrolment>().Where(e => e.ActivityId == activity.Id && e.Status == EnrolmentStatus.Waiting).OrderBy(e => e.WaitNumber).FirstOrDefaultAsync(ct)
                : null;
            activity.Release(enrolment, first, clock.UtcNow());
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
    }
}
