using FluentValidation;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Privacy;

namespace SmartEldercare.Facilities.Features.Beds;

/// <summary>
/// Admits an elder of the registry to a free bed with their capability assessment level. The elder is found by ID
/// number and name together (the two on the ID card the elder brings): an ID number alone, or with another name, is
/// answered as unknown, so the form does not tell whether some ID number is registered in the district. An occupied
/// bed, an elder resident elsewhere, a date in the future: refused, nothing written.
/// </summary>
public static class Admit
{
    public sealed class Command : ICommand<Result>, IRequirePermission
    {
        public Guid BedId { get; set; }

        public string ElderIdNumber { get; set; } = string.Empty;

        /// <summary>The elder's name as on the ID card; it must match the registry's.</summary>
        public string ElderName { get; set; } = string.Empty;

        /// <summary>能力评估等级 0 (intact) – 4 (completely disabled).</summary>
        public int CareLevel { get; set; }

        public DateOnly AdmittedOn { get; set; }

        public string Permission => Permissions.FacilitiesManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.ElderIdNumber).Must(ChinaIdNumber.IsValid).WithMessage(l["Elders.IdNumber.Invalid"]);
            RuleFor(c => c.ElderName).NotEmpty().WithMessage(l["Elders.Name.Required"]).MaximumLength(Elder.NameMaxLength).WithMessage(l["Validation.MaxLength", Elder.NameMaxLength]);
            RuleFor(c => c.CareLevel).InclusiveBetween(0, Elder.MaxCareLevel).WithMessage(l["Facilities.CareLevel.Range"]);
            RuleFor(c => c.AdmittedOn).Must(d => d <= clock.Today()).WithMessage(l["Facilities.Admission.InFuture"])
                .Must(d => d > clock.Today().AddYears(-50)).WithMessage(l["Facilities.Admission.InFuture"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, PersonalDataProtector personalData, StaffingWatch staffing,
        ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var bed = await (await access.RecordsAsync<Bed>(db, cancellationToken)).SingleOrDefaultAsync(b => b.Id == command.BedId, cancellationToken);
            if (bed is null)
            {
                return Result.NotFound();
            }

            if (bed.ResidentElderId is not null)
            {
                return Result.Conflict(l["Facilities.Bed.Occupied"]);
            }

            var hash = personalData.Hash(ChinaIdNumber.Normalize(command.ElderIdNumber));
            var district = bed.RegionCode[..6];
            var elder = await db.Elders.AsNoTracking().Where(e => e.IdNumberHash == hash && e.DistrictCode == district)
                .Select(e => new { e.Id, e.Status, e.Name }).SingleOrDefaultAsync(cancellationToken);
            if (elder is null || elder.Status != ElderStatus.Active || !SameName(elder.Name, command.ElderName))
            {
                return Result.Invalid(nameof(Command.ElderIdNumber), l["Facilities.Admission.ElderUnknown"]);
            }

            if (await db.Set<Bed>().AnyAsync(b => b.ResidentElderId == elder.Id, cancellationToken))
            {
                return Result.Conflict(l["Facilities.Admission.ResidentElsewhere"]);
            }

            var residency = new Residency { OrganisationId = bed.OrganisationId, RegionCode = bed.RegionCode, BedId = bed.Id, ElderId = elder.Id, CareLevel = command.CareLevel, AdmittedOn = command.AdmittedOn };
            var admitted = bed.Admit(residency);
            if (!admitted.IsSuccess)
            {
                return admitted.Localized(l);
            }

            bed.Version++;
            db.Add(residency);
            var liveUpdate = FacilityLive.Update(bed.RegionCode, bed.OrganisationId, "admitted", clock.UtcNow());
            LiveEvent.Stage(db, liveUpdate);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone admitted another elder to this bed at the same moment.
                return Result.Conflict(l["Facilities.Bed.Occupied"]);
            }
            catch (DbUpdateException)
            {
                // The elder was admitted elsewhere at the same moment (the unique resident index).
                return Result.Conflict(l["Facilities.Admission.ResidentElsewhere"]);
            }

            await live.PushAsync(liveUpdate, cancellationToken);
            await staffing.PublishIfBelowAsync(bed.OrganisationId, bed.RegionCode, cancellationToken);
            return Result.Ok();
        }

        /// <summary>Names compare as written on the card, ignoring spaces (and the middle dot some names carry, typed either way).</summary>
        private static bool SameName(string registered, string typed) => Normal(registered) == Normal(typed);

        private static string Normal(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c))).Replace('•', '·').Replace('．', '·');
    }
}
