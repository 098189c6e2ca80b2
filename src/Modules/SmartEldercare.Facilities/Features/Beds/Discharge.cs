using FluentValidation;
using SmartEldercare.Facilities.Beds;

namespace SmartEldercare.Facilities.Features.Beds;

/// <summary>A resident leaves: the stay ends (not before it began) and the bed is free again.</summary>
public static class Discharge
{
    public sealed record Command(Guid BedId, DateOnly DischargedOn, string? Reason) : RequiresPermission(Permissions.FacilitiesManage), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.DischargedOn).Must(d => d <= clock.Today()).WithMessage(l["Facilities.Discharge.InFuture"]);
            RuleFor(c => c.Reason).MaximumLength(Residency.ReasonMaxLength).WithMessage(l["Validation.MaxLength", Residency.ReasonMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
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

            var residency = bed.ResidencyId is { } rid ? await db.Set<Residency>().SingleOrDefaultAsync(r => r.Id == rid, cancellationToken) : null;
            if (residency is null)
            {
                return Result.Conflict(l["Facilities.Bed.NotOccupied"]);
            }

            var discharged = bed.Discharge(residency, command.DischargedOn, string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim());
            if (!discharged.IsSuccess)
            {
                return discharged.Localized(l);
            }

            bed.Version++;
            if (!await LiveEvent.CommitAsync(db, live, FacilityLive.Update(bed.RegionCode, bed.OrganisationId, "discharged", clock.UtcNow()), cancellationToken))
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            return Result.Ok();
        }
    }
}
