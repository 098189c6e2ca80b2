using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Organisations;

public sealed record OrganisationListItem(Guid Id, string Name, OrganisationType Type, string RegionCode, string RegionName, string? ContactName, string MaskedContactPhone, string? LicenceNumber);

public static class SearchOrganisations
{
    public sealed record Query(string? Text = null, OrganisationType? Type = null, int Page = 1, int PageSize = 20)
        : IQuery<PagedResult<OrganisationListItem>>, IRequirePermission
    {
        public string Permission => Permissions.OrganisationsRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions)
        : IQueryHandler<Query, PagedResult<OrganisationListItem>>
    {
        public async ValueTask<PagedResult<OrganisationListItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = Math.Max(1, query.Page);
            var size = Math.Clamp(query.PageSize, 1, 100);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var orgs = db.Organisations.AsNoTracking().InScopeOf(user);
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var pattern = "%" + LikePattern.Literal(query.Text.Trim()) + "%";
                orgs = orgs.Where(o => EF.Functions.Like(o.Name, pattern, LikePattern.Escape));
            }

            if (query.Type is { } type)
            {
                orgs = orgs.Where(o => o.Type == type);
            }

            var total = await orgs.CountAsync(cancellationToken);
            var rows = await orgs.OrderBy(o => o.RegionCode).ThenBy(o => o.Type).ThenBy(o => o.Name)
                .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
            var items = new List<OrganisationListItem>(rows.Count);
            foreach (var o in rows)
            {
                items.Add(new OrganisationListItem(o.Id, o.Name, o.Type, o.RegionCode, await regions.PathAsync(o.RegionCode, cancellationToken), o.ContactName, Masking.Phone(o.ContactPhone), o.LicenceNumber));
            }

            return new PagedResult<OrganisationListItem>(items, total, page, size);
        }
    }
}
