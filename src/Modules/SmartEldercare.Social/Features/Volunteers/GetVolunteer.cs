using FluentValidation;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social.Features.Volunteers;

public sealed record VolunteerDetails(VolunteerRow Volunteer, long LedgerSum, IReadOnlyList<ServiceRow> Services, IReadOnlyList<LedgerRow> Ledger, IReadOnlyList<AssignmentRow> Assignments);

/// <summary>One volunteer: services, the full ledger with a running balance, and the activities they help at.</summary>
public static class GetVolunteer
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.SocialRead), IQuery<Result<VolunteerDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, Result<VolunteerDetails>>
    {
        public async ValueTask<Result<VolunteerDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var volunteer = await db.Set<Volunteer>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == query.Id, cancellationToken);
            if (volunteer is null)
            {
                return Result.NotFound().As<VolunteerDetails>();
            }

            var services = await db.Set<ServiceRecord>().AsNoTracking().Where(r => r.VolunteerId == volunteer.Id).OrderByDescending(r => r.StartUtc).ToListAsync(cancellationToken);
            var entries = await db.Set<TimeBankEntry>().AsNoTracking().Where(e => e.VolunteerId == volunteer.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
            var assignments = await db.Set<VolunteerAssignment>().AsNoTracking().Where(a => a.VolunteerId == volunteer.Id)
                .Join(db.Set<Activity>(), a => a.ActivityId, x => x.Id, (a, x) => new AssignmentRow(x.Id, x.Title, a.AssignedAtUtc)).ToListAsync(cancellationToken);
            long running = 0;
            var ledger = entries.Select(e => new LedgerRow(e.Id, e.Kind, e.Minutes, e.AtUtc, e.By, e.Note, running += e.Minutes)).Reverse().ToList();
            return new VolunteerDetails(VolunteerRows.Row(volunteer, await regions.AllAsync(cancellationToken)), running, [.. services.Select(VolunteerRows.Row)], ledger, assignments);
        }
    }
}
