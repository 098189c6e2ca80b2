using FluentValidation;
using SmartEldercare.Facilities.Complaints;

namespace SmartEldercare.Facilities.Features.Complaints;

/// <summary>A step of handling (the institution's answer, the action taken): appended to the complaint's record.</summary>
public static class RecordComplaintHandling
{
    public sealed record Command(Guid ComplaintId, string Text) : RequiresPermission(Permissions.FacilitiesManage), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Text).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(l["Facilities.Complaint.HandlingRequired"])
                .MaximumLength(Complaint.TextMaxLength).WithMessage(l["Validation.MaxLength", Complaint.TextMaxLength]);
    }

    public sealed class Handler(FacilityChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var by = user.DisplayName.Length > 50 ? user.DisplayName[..50] : user.DisplayName;
            return change.ApplyAsync<Complaint>(command.ComplaintId,
                (complaint, now) => complaint.RecordHandling($"{ShanghaiTime.Format(now)} {by}: {command.Text.Trim()}", by, now), "complaint.handled", cancellationToken);
        }
    }
}
