using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>Assigns a volunteer of the scope to a planned welfare visit in the scope (探访 with a volunteer).</summary>
public static class AssignVolunteerToVisit
{
    public sealed record Command(Guid VolunteerId, Guid VisitId) : RequiresPermission(Permissions.SocialManage), ICommand<Result>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IPlannedVisits> visits, IStringLocalizer<Strings> l, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var volunteer = await db.Set<Volunteer>().AsNoTracking().InScopeOf(user).Where(v => v.Id == command.VolunteerId).Select(v => new { v.Id, v.RegionCode })
                .SingleOrDefaultAsync(cancellationToken);
            PlannedVisit? visit = null;
            foreach (var source in visits)
            {
                visit ??= await source.FindPlannedAsync(command.VisitId, cancellationToken);
            }

            // Only a visit still planned, inside the caller's scope: anything else is "not found" (no hint of another scope's visits).
            if (volunteer is null || visit is null || !visit.RegionCode.StartsWith(user.RegionCode, StringComparison.Ordinal))
            {
                return Result.NotFound();
            }

            if (await db.Set<VisitAssignment>().AnyAsync(a => a.VolunteerId == volunteer.Id && a.VisitId == visit.VisitId, cancellationToken))
            {
                return Result.Conflict(l["Social.Volunteer.AlreadyAssigned"]);
            }

            db.Add(new VisitAssignment
            {
                VolunteerId = volunteer.Id, VisitId = visit.VisitId, RegionCode = volunteer.RegionCode, ElderName = visit.ElderName, DueDate = visit.DueDate,
                AssignedAtUtc = clock.UtcNow(), AssignedBy = user.DisplayName,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Conflict(l["Social.Volunteer.AlreadyAssigned"]);
            }

            return Result.Ok();
        }
    }
}
