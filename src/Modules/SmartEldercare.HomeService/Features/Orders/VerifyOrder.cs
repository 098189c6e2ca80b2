using FluentValidation;
using Microsoft.Extensions.Logging;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>Staff confirm a checked-out visit: it draws the elder's month and is priced into subsidy and self-pay.</summary>
public static class VerifyOrder
{
    public sealed record Command(Guid OrderId) : RequiresPermission(Permissions.HomeServiceDispatch), ICommand<Result>;

    public sealed class Handler(OrderChange change, ICurrentUser user, IDbContextFactory<EldercareDbContext> dbs, SelfPayCollection selfPay, ILogger<Handler> logger)
        : ICommandHandler<Command, Result>
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
                // The self-paid part, fixed at verification (ADR 0004), is taken from the elder's card now; the order
                // already says it is due, so if this fails the background collection asks again.
                try
                {
                    await selfPay.CollectAsync(command.OrderId, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Collecting the self-paid part of order {OrderId} failed; it stays due and is tried again", command.OrderId);
                }
            }

            return result;
        }
    }
}
