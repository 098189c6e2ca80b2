using FluentValidation;
using SmartEldercare.Facilities.Complaints;

namespace SmartEldercare.Facilities.Features.Complaints;

/// <summary>The supervisor closes a handled complaint with its resolution.</summary>
public static class CloseComplaint
{
    public sealed record Command(Guid ComplaintId, string Resolution) : RequiresPermission(Permissions.FacilitiesInspect), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Resolution).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(l["Facilities.Complaint.ResolutionRequired"])
                .MaximumLength(Complaint.TextMaxLength).WithMessage(l["Validation.MaxLength", Complaint.TextMaxLength]);
    }

    public sealed class Handler(FacilityChange change) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            change.ApplyAsync<Complaint>(command.ComplaintId, (complaint, now) => complaint.Close(command.Resolution.Trim(), now), "complaint.closed", cancellationToken);
    }
}
