using FluentValidation;
using SmartEldercare.Facilities.Institutions;

namespace SmartEldercare.Facilities.Features.Institutions;

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
            if (!await LiveEvent.CommitAsync(db, live, FacilityLive.Update(org.RegionCode, org.Id, "profile", now), cancellationToken))
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            return Result.Ok();
        }

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
