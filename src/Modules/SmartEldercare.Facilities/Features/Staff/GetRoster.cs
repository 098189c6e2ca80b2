using FluentValidation;
using SmartEldercare.Facilities.Staff;

namespace SmartEldercare.Facilities.Features.Staff;

/// <param name="Day">Today (Shanghai).</param>
/// <param name="Staff">Everyone, active first.</param>
/// <param name="Shifts">Today's day and night shift: carers on duty against the required number.</param>
/// <param name="CountByRole">Active staff per role.</param>
public sealed record Roster(DateOnly Day, IReadOnlyList<StaffItem> Staff, IReadOnlyList<ShiftStaffing> Shifts, IReadOnlyDictionary<StaffRole, int> CountByRole);

/// <summary>An institution's staff by role with certificates, who is on duty today, and each shift against the carer ratio.</summary>
public static class GetRoster
{
    public sealed record Query(Guid OrganisationId) : RequiresPermission(Permissions.FacilitiesRead), IQuery<Result<Roster>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, TimeProvider clock) : IQueryHandler<Query, Result<Roster>>
    {
        public async ValueTask<Result<Roster>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await access.FindAsync(db, query.OrganisationId, cancellationToken) is null)
            {
                return Result.NotFound().As<Roster>();
            }

            var today = clock.Today();
            var staff = await db.Set<StaffMember>().AsNoTracking().Where(s => s.OrganisationId == query.OrganisationId)
                .OrderByDescending(s => s.Active).ThenBy(s => s.Role).ThenBy(s => s.Name).ToListAsync(cancellationToken);
            var shifts = await db.Set<Shift>().AsNoTracking().Where(s => s.OrganisationId == query.OrganisationId && s.Date == today)
                .Select(s => new { s.StaffId, s.Kind }).ToListAsync(cancellationToken);
            var staffing = (await StaffingWatch.ForAsync(db, [query.OrganisationId], today, cancellationToken))[query.OrganisationId];
            return Result<Roster>.Ok(new Roster(today,
                [.. staff.Select(s => new StaffItem(s.Id, s.Name, s.Role, s.Certificate, s.CertificateValidUntil, s.CertificateExpiredOn(today), s.Active,
                    [.. shifts.Where(x => x.StaffId == s.Id).Select(x => x.Kind).Order()], s.Version))],
                staffing,
                Enum.GetValues<StaffRole>().ToDictionary(r => r, r => staff.Count(s => s.Active && s.Role == r))));
        }
    }
}
