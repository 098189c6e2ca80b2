using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HealthLink.Features;

/// <summary>How many death reports wait for confirmation in the caller's scope.</summary>
public static class CountAwaitingConfirmation
{
    public sealed record Query() : RequiresPermission(Permissions.HealthLinkRead), IQuery<int>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<PartnerEvent>().AsNoTracking().InScopeOf(user).CountAsync(e => e.Status == PartnerEventStatus.AwaitingConfirmation, cancellationToken);
        }
    }
}
