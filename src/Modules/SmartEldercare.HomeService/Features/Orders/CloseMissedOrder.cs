namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>A missed visit leaves the board without a new order (e.g. the elder no longer needs it), with a note.</summary>
public static class CloseMissedOrder
{
    public sealed record Command(Guid OrderId, string Note) : RequiresPermission(Permissions.HomeServiceDispatch), ICommand<Result>;

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "missed.closed", (_, order, now) => Task.FromResult(order.HandleMissed(null, user.DisplayName, now, command.Note)), cancellationToken);
    }
}
