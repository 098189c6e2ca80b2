using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Worker;

/// <summary>The visit a scanned door code is for: my visit of today at that home, not yet checked in.</summary>
public static class FindVisitByQr
{
    public sealed record Query(string QrToken) : RequiresPermission(Permissions.HomeServiceWork), IQuery<Result<Guid>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l) : IQueryHandler<Query, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Query query, CancellationToken cancellationToken)
        {
            var token = CheckIn.Handler.Token(query.QrToken);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elderId = await db.Set<ElderHome>().AsNoTracking().Where(h => h.QrToken == token).Select(h => (Guid?)h.ElderId).SingleOrDefaultAsync(cancellationToken);
            if (elderId is null)
            {
                return Result.Invalid(nameof(Query.QrToken), l["HomeService.CheckIn.UnknownQr"]).As<Guid>();
            }

            var (me, today) = (user.Id, clock.Today());
            var visit = await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user)
                .Where(o => o.WorkerId == me && o.ElderId == elderId && o.ServiceDate == today && o.Status == OrderStatus.Assigned)
                .OrderBy(o => o.WindowStartUtc).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
            return visit is { } id ? Result<Guid>.Ok(id) : Result.Invalid(nameof(Query.QrToken), l["HomeService.CheckIn.NoVisitHere"]).As<Guid>();
        }
    }
}
