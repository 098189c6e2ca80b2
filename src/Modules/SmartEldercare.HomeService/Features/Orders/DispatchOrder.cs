using FluentValidation;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>
/// Street staff send an order to a provider (at its price) and, in the same click, to one of its workers. Sending it
/// again before the check-in moves it. <c>Version</c> is the board row the dispatcher saw: of two dispatchers, one wins.
/// </summary>
public static class DispatchOrder
{
    public sealed record Command(Guid OrderId, Guid ProviderId, Guid? WorkerId = null, int? Version = null) : RequiresPermission(Permissions.HomeServiceDispatch), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.OrderId).NotEmpty();
            RuleFor(c => c.ProviderId).NotEmpty().WithMessage(l["HomeService.Provider.Required"]);
        }
    }

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, command.WorkerId is null ? "dispatched" : "assigned", async (db, order, now) =>
            {
                var (provider, price, worker, failure) = await DispatchTarget.ResolveAsync(db, user, command.ProviderId, command.WorkerId, order.ItemId, cancellationToken);
                if (provider is null)
                {
                    return failure;
                }

                var dispatched = order.Dispatch(provider.Id, provider.Name, price, user.DisplayName, now);
                return !dispatched.IsSuccess || worker is null ? dispatched : order.Assign(worker.Id, worker.Name, user.DisplayName, now);
            }, cancellationToken, command.Version);
    }
}
