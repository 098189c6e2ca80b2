using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>Assigns a volunteer of the scope to an activity the scope sees.</summary>
public static class AssignVolunteer
{
    public sealed record Command(Guid VolunteerId, Guid ActivityId) : RequiresPermission(Permissions.SocialManage), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var volunteer = await db.Set<Volunteer>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.VolunteerId, cancellationToken);
            if (volunteer is null || !await db.Set<Activity>().VisibleTo(user.RegionCode).AnyAsync(a => a.Id == command.ActivityId, cancellationToken))
            {
                return Result.NotFound();
            }

            if (await db.Set<VolunteerAssignment>().AnyAsync(a => a.VolunteerId == volunteer.Id && a.ActivityId == command.ActivityId, cancellationToken))
            {
                return Result.Conflict(l["Social.Volunteer.AlreadyAssigned"]);
            }

            db.Add(new VolunteerAssignment { VolunteerId = volunteer.Id, ActivityId = command.ActivityId, RegionCode = volunteer.RegionCode, AssignedAtUtc = clock.UtcNow(), AssignedBy = user.DisplayName });
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
