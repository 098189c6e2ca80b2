using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Welfare.Features.Watch;

public sealed record CheckView(Guid Id, Guid ElderId, string ElderName, string RegionCode, string RegionName, CheckReason Reason, DateTime? LastActivityUtc, double? WaterLitres,
    DateTime RaisedAtUtc, DateTime EscalateAtUtc, CheckStatus Status, DateTime? ClosedAtUtc, string? ClosedBy, string? Note, Guid? AlarmId);

/// <summary>The wellbeing watch list: open checks first (soonest deadline first), then the last week's closed ones.</summary>
public static class ListWelfareChecks
{
    public sealed record Query() : RequiresPermission(Permissions.WelfareRead), IQuery<IReadOnlyList<CheckView>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<CheckView>>
    {
        public async ValueTask<IReadOnlyList<CheckView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var since = clock.UtcNow().AddDays(-7);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var checks = await db.Set<WelfareCheck>().AsNoTracking().InScopeOf(user).Where(c => c.Status == CheckStatus.Open || c.RaisedAtUtc >= since)
                .OrderBy(c => c.EscalateAtUtc).Take(500).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. checks.OrderBy(c => c.Status != CheckStatus.Open).ThenBy(c => c.EscalateAtUtc).Select(c => new CheckView(
                c.Id, c.ElderId, c.ElderName, c.RegionCode, all.GetValueOrDefault(c.RegionCode)?.Name ?? c.RegionCode, c.Reason, c.LastActivityUtc, c.WaterLitres,
                c.RaisedAtUtc, c.EscalateAtUtc, c.Status, c.ClosedAtUtc, c.ClosedBy, c.Note, c.AlarmId))];
        }
    }
}
