using FluentValidation;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Staff;

namespace SmartEldercare.Facilities.Features.Beds;

/// <summary>Reserved/empty for a free bed; occupied, on leave or in hospital for a resident's.</summary>
public static class SetBedState
{
    public sealed record Command(Guid BedId, BedState State) : RequiresPermission(Permissions.FacilitiesManage), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(c => c.State).IsInEnum().WithMessage(l["Validation.Choice"]);
    }

    public sealed class Handler(FacilityChange change, StaffingWatch staffing) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            change.ApplyAsync<Bed>(command.BedId, (bed, _) => bed.SetState(command.State), "beds", cancellationToken,
                bed => staffing.PublishIfBelowAsync(bed.OrganisationId, bed.RegionCode, cancellationToken));
    }
}
