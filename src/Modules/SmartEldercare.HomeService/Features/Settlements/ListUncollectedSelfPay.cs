using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Settlements;

/// <summary>A verified visit whose self-paid part (fen; yuan in JSON) is not (yet) taken from the elder's card, and why.</summary>
public sealed record UncollectedSelfPay(Guid OrderId, Guid ElderId, DateOnly ServiceDate, [property: JsonYuan] long SelfPayAmount, SelfPayStatus Status, DateTime? CheckedAtUtc);

/// <summary>The street's list of self-paid parts still to collect (due, no card, short card), oldest first: nothing verified stays unpaid unseen.</summary>
public static class ListUncollectedSelfPay
{
    public const int Max = 200;

    public sealed record Query() : RequiresPermission(Permissions.HomeServiceDispatch), IQuery<IReadOnlyList<UncollectedSelfPay>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<UncollectedSelfPay>>
    {
        public async ValueTask<IReadOnlyList<UncollectedSelfPay>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user)
                .Where(o => o.SelfPay == SelfPayStatus.Due || o.SelfPay == SelfPayStatus.NoCard || o.SelfPay == SelfPayStatus.Insufficient)
                .OrderBy(o => o.ServiceDate).ThenBy(o => o.Id).Take(Max)
                .Select(o => new UncollectedSelfPay(o.Id, o.ElderId, o.ServiceDate, o.SelfPayAmount, o.SelfPay, o.SelfPayCheckedAtUtc))
                .ToListAsync(cancellationToken);
        }
    }
}
