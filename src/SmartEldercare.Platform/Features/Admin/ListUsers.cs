using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Admin;

public sealed record UserRow(Guid Id, string UserName, string DisplayName, string? Role, string RegionCode, string RegionName, bool IsDisabled, bool IsLockedOut);

/// <summary>Accounts inside the administrator's scope.</summary>
public static class ListUsers
{
    public sealed record Query(string? Text = null, int Page = 1, int PageSize = 50) : RequiresPermission(Permissions.Administer), IQuery<PagedResult<UserRow>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, PagedResult<UserRow>>
    {
        public async ValueTask<PagedResult<UserRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = Math.Max(1, query.Page);
            var size = Math.Clamp(query.PageSize, 1, 200);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var scope = user.RegionCode;
            var upper = RegionScope.UpperBound(scope);
#pragma warning disable CA1309 // translated to SQL comparisons
            var users = db.Users.AsNoTracking().Where(u => string.Compare(u.RegionCode, scope) >= 0 && string.Compare(u.RegionCode, upper) <= 0);
#pragma warning restore CA1309
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                // UserName is [ProtectedPersonalData] (encrypted at rest); its normalized form is what can be searched.
                var text = query.Text.Trim();
                var normalized = text.ToUpperInvariant();
                users = users.Where(u => u.NormalizedUserName!.Contains(normalized) || u.DisplayName.Contains(text));
            }

            var total = await users.CountAsync(cancellationToken);
            var rows = await users.OrderBy(u => u.NormalizedUserName).Skip((page - 1) * size).Take(size)
                .Select(u => new
                {
                    u.Id, u.UserName, u.DisplayName, u.RegionCode, u.IsDisabled, u.LockoutEnd,
                    Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var items = new List<UserRow>(rows.Count);
            foreach (var r in rows)
            {
                items.Add(new UserRow(r.Id, r.UserName ?? string.Empty, r.DisplayName, r.Role, r.RegionCode, await regions.PathAsync(r.RegionCode, cancellationToken),
                    r.IsDisabled, r.LockoutEnd > now));
            }

            return new PagedResult<UserRow>(items, total, page, size);
        }
    }
}
