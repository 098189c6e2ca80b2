using FluentValidation;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Facilities.Features.Institutions;

/// <param name="Id">The organisation.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Institution or day-care centre.</param>
/// <param name="RegionCode">Where it is.</param>
/// <param name="RegionName">The region's name.</param>
/// <param name="Address">Its address.</param>
/// <param name="Profile">The supervision profile (empty values until first saved).</param>
/// <param name="Licence">Licence status today.</param>
/// <param name="Occupancy">Beds and residents now.</param>
/// <param name="CanManage">The caller may edit the institution.</param>
/// <param name="CanInspect">The caller may inspect and register complaints.</param>
public sealed record InstitutionDetails(
    Guid Id, string Name, OrganisationType Type, string RegionCode, string RegionName, string? Address, ProfileValues Profile,
    LicenceStatus Licence, Occupancy Occupancy, bool CanManage, bool CanInspect);

public sealed record ProfileValues(
    string? LicenceNumber, string? LicenceIssuer, DateOnly? LicenceValidUntil, int StarRating, int Capacity, string? Services,
    string? ContactName, string? ContactPhone, int Version);

/// <summary>One institution's profile, licence status and occupancy.</summary>
public static class GetInstitution
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.FacilitiesRead), IQuery<Result<InstitutionDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ICurrentUser user, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, Result<InstitutionDetails>>
    {
        public async ValueTask<Result<InstitutionDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, query.Id, cancellationToken);
            if (org is null)
            {
                return Result.NotFound().As<InstitutionDetails>();
            }

            var profile = await db.Set<FacilityProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == org.Id, cancellationToken);
            var beds = await db.Set<Bed>().AsNoTracking().Where(b => b.OrganisationId == org.Id)
                .GroupBy(b => 1).Select(g => new { Beds = g.Count(), Residents = g.Count(b => b.ResidentElderId != null) })
                .SingleOrDefaultAsync(cancellationToken);
            var values = profile is null
                ? new ProfileValues(org.LicenceNumber, null, null, 0, 0, null, org.ContactName, org.ContactPhone, 0)
                : new ProfileValues(profile.LicenceNumber, profile.LicenceIssuer, profile.LicenceValidUntil, profile.StarRating, profile.Capacity, profile.Services,
                    profile.ContactName, profile.ContactPhone, profile.Version);
            var region = await regions.FindAsync(org.RegionCode, cancellationToken);
            return Result<InstitutionDetails>.Ok(new InstitutionDetails(
                org.Id, org.Name, org.Type, org.RegionCode, region?.Name ?? org.RegionCode, org.Address, values,
                FacilityProfile.Licence(values.LicenceNumber, values.LicenceValidUntil, clock.Today()),
                new Occupancy(beds?.Beds ?? 0, beds?.Residents ?? 0),
                user.Has(Permissions.FacilitiesManage), user.Has(Permissions.FacilitiesInspect)));
        }
    }
}
