using SmartEldercare.Emergency.Alarms;

namespace SmartEldercare.Emergency.Features.Alarms;

public sealed record ResponderOption(Guid Id, string Name, string RegionCode);

/// <summary>Who can be sent to an alarm: enabled accounts allowed to respond whose scope covers the alarm's region.</summary>
public static class ListResponders
{
    public sealed record Query(Guid AlarmId) : RequiresPermission(Permissions.EmergencyRespond), IQuery<Result<IReadOnlyList<ResponderOption>>>;

    /// <summary>Enabled accounts allowed to respond whose scope is the region, its street or the district; nearest first.</summary>
    internal static async Task<IReadOnlyList<ResponderOption>> EligibleAsync(EldercareDbContext db, string region, CancellationToken ct)
    {
        var covering = new[] { region, region.Length > 9 ? region[..9] : region, region[..6] }.Distinct().ToList();
        var roles = Roles.All.Where(r => Permissions.RoleGrants(r, Permissions.EmergencyRespond)).ToList();
        var people = await (
                from u in db.Users.AsNoTracking()
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where !u.IsDisabled && covering.Contains(u.RegionCode) && roles.Contains(r.Name!)
                select new { u.Id, u.DisplayName, u.RegionCode })
            .Distinct().Take(200).ToListAsync(ct);
        return [.. people.OrderByDescending(p => p.RegionCode.Length).ThenBy(p => p.DisplayName, StringComparer.Ordinal)
            .Select(p => new ResponderOption(p.Id, p.DisplayName, p.RegionCode))];
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, Result<IReadOnlyList<ResponderOption>>>
    {
        public async ValueTask<Result<IReadOnlyList<ResponderOption>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var region = await db.Set<Alarm>().AsNoTracking().InScopeOf(user).Where(a => a.Id == query.AlarmId).Select(a => a.RegionCode).SingleOrDefaultAsync(cancellationToken);
            if (region is null)
            {
                return Result.NotFound().As<IReadOnlyList<ResponderOption>>();
            }

            return Result<IReadOnlyList<ResponderOption>>.Ok(await EligibleAsync(db, region, cancellationToken));
        }
    }
}
