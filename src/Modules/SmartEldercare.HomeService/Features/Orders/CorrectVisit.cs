using FluentValidation;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>
/// Staff correct a visit record's check-in/out times with a reason code (e.g. the phone failed at the door). Audited
/// with the reason; the order keeps the "corrected" flag and the step says what changed from what.
/// </summary>
public static class CorrectVisit
{
    public sealed record Command(Guid OrderId, DateTimeOffset? CheckedIn, DateTimeOffset? CheckedOut, CorrectionReason Reason, string? Note)
        : ICommand<Result>, IRequirePermission, IAuditDetail
    {
        public string Permission => Permissions.HomeServiceDispatch;

        public string AuditDetail => $"correct visit {OrderId}: {Reason}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Reason).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c).Must(c => c.CheckedIn is not null || c.CheckedOut is not null).WithName(nameof(Command.CheckedIn)).WithMessage(l["HomeService.Correct.TimesInvalid"]);
            RuleFor(c => c.Note).MaximumLength(ServiceOrder.NoteMaxLength).WithMessage(l["Validation.MaxLength", ServiceOrder.NoteMaxLength]);
        }
    }

    public sealed class Handler(OrderChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.OrderId, "corrected", (_, order, now) =>
                Task.FromResult(order.Correct(command.CheckedIn?.UtcDateTime, command.CheckedOut?.UtcDateTime, command.Reason, command.Note, user.DisplayName, now)), cancellationToken);
    }
}
