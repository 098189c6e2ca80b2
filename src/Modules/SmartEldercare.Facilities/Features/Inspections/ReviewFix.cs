using FluentValidation;
using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

/// <summary>The inspector confirms a recorded fix (closed) or reopens it with a new deadline (by risk when not given).</summary>
public static class ReviewFix
{
    public sealed record Command(Guid HazardId, bool Accept, string? Note = null, DateTime? DeadlineUtc = null) : RequiresPermission(Permissions.FacilitiesInspect), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Note).Must(n => !string.IsNullOrWhiteSpace(n)).When(c => !c.Accept).WithMessage(l["Facilities.Hazard.ReopenNoteRequired"])
                .MaximumLength(Hazard.TextMaxLength).WithMessage(l["Validation.MaxLength", Hazard.TextMaxLength]);
            RuleFor(c => c.DeadlineUtc).Must(d => d is null || d.Value.ToUniversalTime() > clock.UtcNow()).WithMessage(l["Facilities.Deadline.InPast"]);
        }
    }

    public sealed class Handler(FacilityChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            change.ApplyAsync<Hazard>(command.HazardId,
                (hazard, now) => command.Accept
                    ? hazard.Verify(RecordInspection.Handler.Short(user.DisplayName), now)
                    : hazard.Reopen(command.Note!.Trim(), command.DeadlineUtc?.ToUniversalTime() ?? now + Hazard.TimeToFix(hazard.Risk), now),
                command.Accept ? "hazard.verified" : "hazard.reopened", cancellationToken);
    }
}
