using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Privacy;

namespace SmartEldercare.Facilities.Features.Beds;

public sealed record BedItem(Guid Id, string Code, BedState State, Guid? ElderId, string? ResidentName, int? Age, int? CareLevel, DateOnly? AdmittedOn, int Version);

public sealed record BedBoard(IReadOnlyList<BedItem> Beds, Occupancy Occupancy, IReadOnlyDictionary<BedState, int> ByState);

/// <summary>Every bed of an institution with its state and resident (name and age only), and the occupancy computed from them.</summary>
public static class GetBedBoard
{
    public sealed record Query(Guid OrganisationId) : IQuery<Result<BedBoard>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, TimeProvider clock) : IQueryHandler<Query, Result<BedBoard>>
    {
        public async ValueTask<Result<BedBoard>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await access.FindAsync(db, query.OrganisationId, cancellationToken) is null)
            {
                return Result.NotFound().As<BedBoard>();
            }

            var beds = await db.Set<Bed>().AsNoTracking().Where(b => b.OrganisationId == query.OrganisationId).OrderBy(b => b.Code).ToListAsync(cancellationToken);
            var elderIds = beds.Where(b => b.ResidentElderId != null).Select(b => b.ResidentElderId!.Value).ToList();
            var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id))
                .Select(e => new { e.Id, e.Name, e.BirthDate }).ToDictionaryAsync(e => e.Id, cancellationToken);
            var today = clock.Today();
            var items = beds.Select(b =>
            {
                var elder = b.ResidentElderId is { } id ? elders.GetValueOrDefault(id) : null;
                return new BedItem(b.Id, b.Code, b.State, b.ResidentElderId, elder?.Name, elder is null ? null : ShanghaiTime.AgeOn(elder.BirthDate, today), b.CareLevel, b.AdmittedOn, b.Version);
            }).ToList();
            var byState = Enum.GetValues<BedState>().ToDictionary(s => s, s => beds.Count(b => b.State == s));
            return Result<BedBoard>.Ok(new BedBoard(items, new Occupancy(beds.Count, beds.Count(b => b.ResidentElderId != null)), byState));
        }
    }
}

/// <summary>Adds beds by code (e.g. "101-1, 101-2"); a code the institution already has is refused.</summary>
public static class AddBeds
{
    public sealed record Command(Guid OrganisationId, string Codes) : ICommand<Result<int>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesManage;

        public IReadOnlyList<string> Parsed => Codes.Split([',', '，', ' ', '\n', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Codes).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage(l["Facilities.Bed.CodesRequired"]);
            RuleFor(c => c.Parsed).Must(p => p.Count <= 200 && p.All(c => c.Length <= Bed.CodeMaxLength)).WithMessage(l["Facilities.Bed.CodesInvalid"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<int>>
    {
        public async ValueTask<Result<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, command.OrganisationId, cancellationToken);
            if (org is null)
            {
                return Result.NotFound().As<int>();
            }

            var codes = command.Parsed;
            var existing = await db.Set<Bed>().Where(b => b.OrganisationId == org.Id && codes.Contains(b.Code)).Select(b => b.Code).ToListAsync(cancellationToken);
            if (existing.Count > 0)
            {
                return Result.Invalid(nameof(Command.Codes), l["Facilities.Bed.CodeTaken", string.Join(", ", existing)]).As<int>();
            }

            db.AddRange(codes.Select(c => new Bed { OrganisationId = org.Id, RegionCode = org.RegionCode, Code = c }));
            await db.SaveChangesAsync(cancellationToken);
            await live.PublishAsync(FacilityLive.Update(org.RegionCode, org.Id, "beds", clock.UtcNow()), cancellationToken);
            return Result<int>.Ok(codes.Count);
        }
    }
}

/// <summary>
/// Admits an elder of the registry (found by ID number) to a free bed with their capability assessment level. An
/// occupied bed, an elder resident elsewhere, a date in the future: refused, nothing written.
/// </summary>
public static class Admit
{
    public sealed class Command : ICommand<Result>, IRequirePermission
    {
        public Guid BedId { get; set; }

        public string ElderIdNumber { get; set; } = string.Empty;

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
                .Select(e => new { e.Id, e.Status }).SingleOrDefaultAsync(cancellationToken);
            if (elder is null || elder.Status != ElderStatus.Active)
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

            await live.PublishAsync(FacilityLive.Update(bed.RegionCode, bed.OrganisationId, "admitted", clock.UtcNow()), cancellationToken);
            await staffing.PublishIfBelowAsync(bed.OrganisationId, bed.RegionCode, cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>A resident leaves: the stay ends (not before it began) and the bed is free again.</summary>
public static class Discharge
{
    public sealed record Command(Guid BedId, DateOnly DischargedOn, string? Reason) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesManage;
    }

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
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(FacilityLive.Update(bed.RegionCode, bed.OrganisationId, "discharged", clock.UtcNow()), cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>Reserved/empty for a free bed; occupied, on leave or in hospital for a resident's.</summary>
public static class SetBedState
{
    public sealed record Command(Guid BedId, BedState State) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesManage;
    }

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
