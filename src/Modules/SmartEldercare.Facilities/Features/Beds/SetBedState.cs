using FluentValidation;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Live;

namespace SmartEldercare.Facilities.Features.Beds;

/// <summary>Reserved/empty for a free bed; occupied, on leave or in hospital for a resident's.</summary>
public static class SetBedState
{
    public sealed record Command(Guid BedId, BedState State) : RequiresPermission(Permissions.FacilitiesManage), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(c => c.State).IsInEnum().WithMessage(l["Validation.Choice"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, StaffingWatch staffing, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var bed = await (await access.RecordsAsync<Bed>(db, cancellationToken)).SingleOrDefaultAsync(b => b.Id == command.BedId, cancellationToken);
            if (bed is null)
            {
                return Result.NotFound();
            }

            var changed = bed.SetState(command.State);
            if (!changed.IsSuccess)
            {
                return changed.Localized(l);
            }

            bed.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(FacilityLive.Update(bed.RegionCode, bed.OrganisationId, "beds", clock.UtcNow()), cancellationToken);
            await staffing.PublishIfBelowAsync(bed.OrganisationId, bed.RegionCode, cancellationToken);
            return Result.Ok();
        }
    }
}
