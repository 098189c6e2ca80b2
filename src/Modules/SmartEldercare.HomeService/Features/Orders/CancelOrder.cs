using FluentValidation;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Orders;

public static class CancelOrder
{
    public sealed record Command(Guid OrderId, string Note) : RequiresPermission(Permissions.HomeServiceOrder), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Note).NotEmpty().WithMessage(l["HomeService.Cancel.NoteRequired"])
                .MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
    }

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "cancelled", (_, order, now) => Task.FromResult(order.Cancel(user.DisplayName, now, command.Note)), cancellationToken);
    }
}
