using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Organisations;

public sealed record OrganisationDetails(Guid Id, string Name, OrganisationType Type, string RegionCode, string RegionName, string? Address,
    string? ContactName, string? ContactPhone, string? LicenceNumber, DateTime UpdatedAtUtc, int Version);

public static class GetOrganisation
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.OrganisationsRead), IQuery<Result<OrganisationDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions)
        : IQueryHandler<Query, Result<OrganisationDetails>>
    {
        public async ValueTask<Result<OrganisationDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var o = await db.Organisations.AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
            if (o is null)
            {
                return Result.NotFound().As<OrganisationDetails>();
            }

            // An organisation's address and contact are business data, public on its licence: shown unmasked.
            return new OrganisationDetails(o.Id, o.Name, o.Type, o.RegionCode, await regions.PathAsync(o.RegionCode, cancellationToken),
                o.Address, o.ContactName, o.ContactPhone, o.LicenceNumber, o.UpdatedAtUtc, o.Version);
        }
    }
}
