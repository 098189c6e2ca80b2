using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Welfare.Features.Watch;

/// <summary>Village staff went (or called) and the elder is well: the check is done before it escalates.</summary>
public static class CompleteWelfareCheck
{
    public sealed record Command(Guid Id, string? Note) : RequiresPermission(Permissions.WelfareCare), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(c => c.Note).MaximumLength(WelfareCheck.NoteMaxLength).WithMessage(l["Validation.MaxLength", WelfareCheck.NoteMaxLength]);
    }

    public sealed class Handler(ScopedChange change, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            change.ApplyAsync(db => db.Set<WelfareCheck>().InScopeOf(user), c => c.Id == command.Id,
                check => check.Complete(user.DisplayName, string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), clock.UtcNow()),
                null,
                cancellationToken, conflict: "Welfare.Watch.AlreadyEscalated", announce: check => new LiveUpdate(LiveUpdate.NewId(), check.RegionCode, "welfare.check.done", check.Id.ToString(), clock.UtcNow()));
    }
}
