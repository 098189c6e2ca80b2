using FluentValidation;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>Staff confirm a checked-out visit: it draws the elder's month and is priced into subsidy and self-pay.</summary>
public static class VerifyOrder
{
    public sealed record Command(Guid OrderId) : RequiresPermission(Permissions.HomeServiceDispatch), ICommand<Result>;

    public sealed class Handler(OrderChange change, ICurrentUser user, IDbContextFactory<EldercareDbContext> dbs, IEnumerable<IServiceCardCharges> cards) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                var order = await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user).Where(o => o.Id == command.OrderId)
                    .Select(o => new { o.ElderId, o.Month }).SingleOrDefaultAsync(cancellationToken);
                if (order is null)
                {
                    return Result.NotFound();
                }

                await Balances.EnsureOpenedAsync(dbs, order.ElderId, order.Month, cancellationToken);
            }

            var result = await change.ApplyAsync(command.OrderId, "verified", async (db, order, now) =>
            {
                var balance = await db.Set<EntitlementBalance>().SingleAsync(b => b.ElderId == order.ElderId && b.Month == order.Month, cancellationToken);
                return order.Verify(balance, user.DisplayName, now);
            }, cancellationToken);
            if (result.IsSuccess)
            {
                // The self-paid part, fixed at verification (ADR 0004), is paid from the elder's service card when there is one.
                await using var db = await dbs.CreateDbContextAsync(cancellationToken);
                var verified = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.Id == command.OrderId)
                    .Select(o => new { o.ElderId, o.ProviderId, o.SelfPayAmount }).SingleAsync(cancellationToken);
                foreach (var card in cards)
                {
                    if (verified.ProviderId is { } provider)
                    {
                        await card.ChargeVerifiedVisitAsync(command.OrderId, verified.ElderId, provider, (long)(verified.SelfPayAmount * 100m), "居家服务自付", cancellationToken);
                    }
                }
            }

            return result;
        }
    }
}
