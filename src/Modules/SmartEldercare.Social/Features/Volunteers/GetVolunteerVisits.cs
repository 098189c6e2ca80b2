using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

/// <summary>The welfare visits a volunteer is assigned to, and the planned ones of the volunteer's village they could take.</summary>
public sealed record VolunteerVisits(IReadOnlyList<VisitAssignmentRow> Assigned, IReadOnlyList<PlannedVisit> Open);

public static class GetVolunteerVisits
{
    public const int DaysAhead = 30;

    public sealed record Query(Guid VolunteerId) : RequiresPermission(Permissions.SocialRead), IQuery<Result<VolunteerVisits>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IPlannedVisits> visits, TimeProvider clock)
        : IQueryHandler<Query, Result<VolunteerVisits>>
    {
        public async ValueTask<Result<VolunteerVisits>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var volunteer = await db.Set<Volunteer>().AsNoTracking().InScopeOf(user).Where(v => v.Id == query.VolunteerId).Select(v => new { v.Id, v.RegionCode })
                .SingleOrDefaultAsync(cancellationToken);
            if (volunteer is null)
            {
                return Result.NotFound().As<VolunteerVisits>();
            }

            var assigned = await db.Set<VisitAssignment>().AsNoTracking().Where(a => a.VolunteerId == volunteer.Id).OrderBy(a => a.DueDate)
                .Select(a => new VisitAssignmentRow(a.VisitId, a.ElderName, a.DueDate, a.AssignedAtUtc, a.AssignedBy)).ToListAsync(cancellationToken);
            var taken = assigned.Select(a => a.VisitId).ToHashSet();
            var today = clock.Today();
            var open = new List<PlannedVisit>();
            foreach (var source in visits)
            {
                open.AddRange((await source.PlannedAsync(volunteer.RegionCode, today.AddDays(-7), today.AddDays(DaysAhead), cancellationToken)).Where(v => !taken.Contains(v.VisitId)));
            }

            return new VolunteerVisits(assigned, open);
        }
    }
}
