using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Worker;

/// <summary>A worker takes an order dispatched to their provider that nobody has taken yet.</summary>
public static class AcceptOrder
{
    public sealed record Command(Guid OrderId) : RequiresPermission(Permissions.HomeServiceWork), ICommand<Result>;

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "assigned", async (db, order, now) =>
            {
                var me = await ProviderStaff.WorkerAsync(db, user.Id, cancellationToken);
                if (me?.OrganisationId is null || order.ProviderId != me.OrganisationId)
                {
                    return Result.NotFound();
                }

                return order.Status == OrderStatus.Dispatched ? order.Assign(me.Id, me.Name, user.DisplayName, now) : Result.Conflict("HomeService.Order.Taken");
            }, cancellationToken);
    }
}
