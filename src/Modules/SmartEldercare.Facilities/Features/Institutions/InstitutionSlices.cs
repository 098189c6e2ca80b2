using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Facilities.Features.Institutions;

/// <param name="Id">The organisation.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Institution or day-care centre.</param>
/// <param name="RegionCode">Where it is.</param>
/// <param name="RegionName">The region's name.</param>
/// <param name="Address">Its address.</param>
/// <param name="Profile">The supervision profile (empty values until first saved).</param>
/// <param name="Licence">Licence status today.</param>
/// <param name="Occupancy">Beds and residents now.</param>
/// <param name="CanManage">The caller may edit the institution.</param>
/// <param name="CanInspect">The caller may inspect and register complaints.</param>
public sealed record InstitutionDetails(
    Guid Id, string Name, OrganisationType Type, string RegionCode, string RegionName, string? Address, ProfileValues Profile,
    LicenceStatus Licence, Occupancy Occupancy, bool CanManage, bool CanInspect);

public sealed record ProfileValues(
    string? LicenceNumber, string? LicenceIssuer, DateOnly? LicenceValidUntil, int StarRating, int Capacity, string? Services,
    string? ContactName, string? ContactPhone, int Version);

/// <summary>One institution's profile, licence status and occupancy.</summary>
public static class GetInstitution
{
    public sealed record Query(Guid Id) : IQuery<Result<InstitutionDetails>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ICurrentUser user, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, Result<InstitutionDetails>>
    {
        public async ValueTask<Result<InstitutionDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, query.Id, cancellationToken);
            if (org is null)
            {
                return Result.NotFound().As<InstitutionDetails>();
            }

            var profile = await db.Set<FacilityProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == org.Id, cancellationToken);
            var beds = await db.Set<Bed>().AsNoTracking().Where(b => b.OrganisationId == org.Id)
                .GroupBy(b => 1).Select(g => new { Beds = g.Count(), Residents = g.Count(b => b.ResidentElderId != null) })
                .SingleOrDefaultAsync(cancellationToken);
            var values = profile is null
                ? new ProfileValues(org.LicenceNumber, null, null, 0, 0, null, org.ContactName, org.ContactPhone, 0)
                : new ProfileValues(profile.LicenceNumber, profile.LicenceIssuer, profile.LicenceValidUntil, profile.StarRating, profile.Capacity, profile.Services,
                    profile.ContactName, profile.ContactPhone, profile.Version);
            var region = await regions.FindAsync(org.RegionCode, cancellationToken);
            return Result<InstitutionDetails>.Ok(new InstitutionDetails(
                org.Id, org.Name, org.Type, org.RegionCode, region?.Name ?? org.RegionCode, org.Address, values,
                FacilityProfile.Licence(values.LicenceNumber, values.LicenceValidUntil, clock.Today()),
                new Occupancy(beds?.Beds ?? 0, beds?.Residents ?? 0),
                user.Has(Permissions.FacilitiesManage), user.Has(Permissions.FacilitiesInspect)));
        }
    }
}

/// <summary>The institution's licence, rating, capacity, services and contact; a facility manager edits only their own.</summary>
public static class SaveProfile
{
    public sealed class Command : ICommand<Result>, IRequirePermission
    {
        public Guid OrganisationId { get; set; }

        public string? LicenceNumber { get; set; }

        public string? LicenceIssuer { get; set; }

        public DateOnly? LicenceValidUntil { get; set; }

        public int StarRating { get; set; }

        public int Capacity { get; set; }

        public string? Services { get; set; }

        public string? ContactName { get; set; }

        public string? ContactPhone { get; set; }

        /// <summary>The version the editor saw; a newer one means someone else saved meanwhile.</summary>
        public int? Version { get; set; }

        public string Permission => Permissions.FacilitiesManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.OrganisationId).NotEmpty().WithMessage(l["Common.NotFound"]);
            RuleFor(c => c.LicenceNumber).MaximumLength(FacilityProfile.TextMaxLength).WithMessage(l["Validation.MaxLength", FacilityProfile.TextMaxLength]);
            RuleFor(c => c.LicenceIssuer).MaximumLength(FacilityProfile.TextMaxLength).WithMessage(l["Validation.MaxLength", FacilityProfile.TextMaxLength]);
            RuleFor(c => c.LicenceValidUntil).NotNull().When(c => !string.IsNullOrWhiteSpace(c.LicenceNumber)).WithMessage(l["Facilities.Licence.ValidUntilRequired"]);
            RuleFor(c => c.StarRating).InclusiveBetween(0, 5).WithMessage(l["Facilities.Profile.StarRating"]);
            RuleFor(c => c.Capacity).InclusiveBetween(0, 5000).WithMessage(l["Facilities.Profile.Capacity"]);
            RuleFor(c => c.Services).MaximumLength(FacilityProfile.ServicesMaxLength).WithMessage(l["Validation.MaxLength", FacilityProfile.ServicesMaxLength]);
            RuleFor(c => c.ContactName).MaximumLength(50).WithMessage(l["Validation.MaxLength", 50]);
            RuleFor(c => c.ContactPhone).Must(p => PhoneNumber.IsValid(PhoneNumber.Normalize(p))).When(c => !string.IsNullOrWhiteSpace(c.ContactPhone)).WithMessage(l["Validation.Phone"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, command.OrganisationId, cancellationToken);
            if (org is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var profile = await db.Set<FacilityProfile>().SingleOrDefaultAsync(p => p.OrganisationId == org.Id, cancellationToken);
            if (profile is null)
            {
                profile = new FacilityProfile { OrganisationId = org.Id, RegionCode = org.RegionCode };
                db.Add(profile);
            }
            else if (command.Version is { } seen && seen != profile.Version)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }
            else
            {
                profile.Version++;
            }

            profile.LicenceNumber = Trimmed(command.LicenceNumber);
            profile.LicenceIssuer = Trimmed(command.LicenceIssuer);
            profile.LicenceValidUntil = command.LicenceValidUntil;
            profile.StarRating = command.StarRating;
            profile.Capacity = command.Capacity;
            profile.Services = Trimmed(command.Services);
            profile.ContactName = Trimmed(command.ContactName);
            profile.ContactPhone = string.IsNullOrWhiteSpace(command.ContactPhone) ? null : PhoneNumber.Normalize(command.ContactPhone);
            profile.UpdatedAtUtc = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(FacilityLive.Update(org.RegionCode, org.Id, "profile", now), cancellationToken);
            return Result.Ok();
        }

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
