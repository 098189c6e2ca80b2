using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record OverpaymentView(Guid Id, Guid ElderId, string ElderName, string RegionCode, string RegionName, int Month, [property: JsonYuan] long Amount, SmartEldercare.Platform.Elders.ElderStatus Reason, DateOnly StatusDate, DateTime FoundAtUtc, bool Recovered);

/// <summary>Overpayments to recover in the scope, newest month first.</summary>
public static class ListOverpayments
{
    public sealed record Query() : RequiresPermission(Permissions.WelfareRead), IQuery<IReadOnlyList<OverpaymentView>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions) : IQueryHandler<Query, IReadOnlyList<OverpaymentView>>
    {
        public async ValueTask<IReadOnlyList<OverpaymentView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var found = await db.Set<Overpayment>().AsNoTracking().InScopeOf(user).OrderByDescending(o => o.Month).Take(500).ToListAsync(cancellationToken);
            var all = await regions.AllAsync(cancellationToken);
            return [.. found.OrderByDescending(o => o.Month).ThenBy(o => o.ElderName, StringComparer.Ordinal)
                .Select(o => new OverpaymentView(o.Id, o.ElderId, o.ElderName, o.RegionCode, all.GetValueOrDefault(o.RegionCode)?.Name ?? o.RegionCode, o.Month, o.Amount, o.Reason, o.StatusDate, o.FoundAtUtc, o.Recovered))];
        }
    }
}
