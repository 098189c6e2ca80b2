using FluentValidation;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Worker;

/// <summary>
/// The worker leaves: the checklist ticked, notes, and — for a visit more than the tolerance shorter or longer than the
/// item's standard — a reason code (and text for "other").
/// </summary>
public static class CheckOut
{
    public sealed record Command(Guid OrderId, IReadOnlyList<string>? TasksDone = null, string? Notes = null, DurationReason? Reason = null, string? ReasonNote = null)
        : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceWork;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Notes).MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
            RuleFor(c => c.ReasonNote).MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
            RuleFor(c => c.Reason).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.TasksDone).Must(t => t is null || t.Count <= 30).WithMessage(l["Validation.Choice"]);
        }
    }

    public sealed class Handler(OrderChange change, ICurrentUser user, HomeServiceOptions options) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "checkedout", async (db, order, now) =>
            {
                if (order.WorkerId != user.Id)
                {
                    return Result.NotFound();
                }

                var item = await db.Set<ServiceItem>().AsNoTracking().SingleAsync(i => i.Id == order.ItemId, cancellationToken);
                // Only the item's own tasks count as done.
                var done = (command.TasksDone ?? []).Select(t => t.Trim()).Where(item.Tasks.Contains).Distinct().ToList();
                return order.CheckOut(user.Id, done, command.Notes, command.Reason, command.ReasonNote,
                    item.StandardMinutesFor(order.Quantity), options.DurationToleranceMinutes, user.DisplayName, now);
            }, cancellationToken);
    }
}
