using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>Staff confirm (the minutes are earned into the time bank, once) or reject recorded hours.</summary>
public static class ConfirmHours
{
    public sealed record Command(Guid RecordId, bool Accept = true) : RequiresPermission(Permissions.SocialManage), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await Concurrency.RetryAsync(() => AttemptAsync(command, cancellationToken), () => Result.Conflict(l["Common.Conflict"]));

        private async Task<Result> AttemptAsync(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var record = await db.Set<ServiceRecord>().InScopeOf(user).SingleOrDefaultAsync(r => r.Id == command.RecordId, ct);
            if (record is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var outcome = record.Confirm(command.Accept, user.DisplayName, now);
            if (!outcome.IsSuccess)
            {
                return outcome.Localized(l);
            }

            if (command.Accept)
            {
                var volunteer = await db.Set<Volunteer>().SingleAsync(v => v.Id == record.VolunteerId, ct);
                db.Add(volunteer.Earn(record, user.DisplayName, now));
            }

            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
    }
}
