using FluentValidation;
using SmartEldercare.Emergency.Alarms;

namespace SmartEldercare.Emergency.Features.Alarms;

public static class ResolveAlarm
{
    public sealed record Command(Guid AlarmId, AlarmOutcome Outcome, string? Note = null) : RequiresPermission(Permissions.EmergencyRespond), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Outcome).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Note).MaximumLength(Alarm.NoteMaxLength).WithMessage(l["Validation.MaxLength", Alarm.NoteMaxLength]);
        }
    }

    public sealed class Handler(AlarmChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.AlarmId, "resolved", (a, now) => a.Resolve(command.Outcome, user.DisplayName, now, command.Note, user.Id), cancellationToken);
    }
}
